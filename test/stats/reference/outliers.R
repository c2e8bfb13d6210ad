# Reference values for src/stats/{tukeyFences,modifiedZScore,grubbs}.ts.
# Usage (from anywhere): Rscript test/stats/reference/outliers.R [YCSB-outputs folder]
# Writes outliers.json beside this script (inputs + expected outputs, full precision).
#
# Study data: the argument, else $YCSB_OUTPUTS, else ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/
# YCSB-outputs beside the repository (see ../../reference-common.R);
# only the JSON is read by the tests, so they need neither R nor the data folder.

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # study_cells, to_json

# ---- Tukey fences on type-7 quartiles --------------------------------------------------------
tukey_ref <- function(x) {
  x <- as.numeric(x)
  q <- unname(quantile(x, c(0.25, 0.75), type = 7))
  iqr <- q[2] - q[1]
  lo_in <- q[1] - 1.5 * iqr; hi_in <- q[2] + 1.5 * iqr
  lo_out <- q[1] - 3 * iqr; hi_out <- q[2] + 3 * iqr
  cls <- ifelse(x < lo_out | x > hi_out, "severe", ifelse(x < lo_in | x > hi_in, "mild", "none"))
  bs <- boxplot.stats(x)  # R's boxplot: hinges (fivenum) and coef = 1.5, for the documentation test
  list(q1 = q[1], q3 = q[2], iqr = iqr, lowerInner = lo_in, upperInner = hi_in,
       lowerOuter = lo_out, upperOuter = hi_out, classes = I(cls),
       boxplotHinges = I(bs$stats[c(2, 4)]), boxplotOut = I(bs$out))
}

# ---- modified z-score (Iglewicz & Hoaglin 1993), MeanAD fallback when MAD = 0 -----------------
mz_ref <- function(x) {
  x <- as.numeric(x)
  med <- median(x)
  mad1 <- mad(x, constant = 1)
  meanad <- mean(abs(x - med))
  if (mad1 > 0) {
    z <- 0.6745 * (x - med) / mad1; scale <- "mad"
  } else if (meanad > 0) {
    z <- (x - med) / (1.253314 * meanad); scale <- "meanAD"
  } else {
    z <- rep(0, length(x)); scale <- "none"
  }
  list(median = med, mad = mad1, meanAD = meanad, scale = scale, scores = I(z),
       outlier = I(abs(z) > 3.5))
}

# ---- Grubbs, type 10, two-sided, iterated at alpha ----------------------------------------------
# Formula followed: package outliers 0.15 (L. Komsta, CRAN 2022-03-26), R/grubbs.test.R and
# qgrubbs(rev = TRUE) (= pgrubbs):
#   side: lowest value if (x[n] - mean) < (mean - x[1]) else highest (x sorted);
#   G = |o - mean(x)| / sd(x);  s = (G^2 n (2 - n)) / (G^2 n - (n - 1)^2);  t = sqrt(s)
#   one-sided pval = min(1, n * (1 - pt(t, n - 2)))    (t = NaN -> pval = 0)
#   two.sided: pval <- 2 * pval; if (pval > 1) pval <- 2 - pval
# p_package reproduces that literally (including 1 - pt and the fold 2 - pval).
# p is what src/stats/grubbs.ts returns: min(1, 2 n P(T_{n-2} > t)) with the upper tail computed
# directly; it equals the package whenever 2 n P(T > t) <= 1 (up to the 1 - pt rounding), and is 1
# where the package folds (the fold makes p small again and 0 once n P(T > t) >= 1, e.g. for 1:20).
grubbs_step_ref <- function(x) {
  n <- length(x); m <- mean(x); s <- sd(x)
  srt <- sort(x)
  o <- if ((srt[n] - m) < (m - srt[1])) srt[1] else srt[n]
  G <- abs(o - m) / s
  den <- (n - 1)^2 - n * G^2
  # G attains its bound (n - 1)/sqrt(n) exactly when the other n - 1 values are equal; there
  # P(G >= g) = 0, and den is rounding noise of either sign, so that case is taken as t = Inf.
  others_equal <- length(unique(x[-which(x == o)[1]])) == 1
  t <- if (others_equal || den <= 0) Inf else sqrt(n * (n - 2) * G^2 / den)
  sf <- pt(t, n - 2, lower.tail = FALSE)
  p <- min(1, 2 * n * sf)
  # literal package computation
  s_pkg <- (G^2 * n * (2 - n)) / (G^2 * n - (n - 1)^2)
  t_pkg <- suppressWarnings(sqrt(s_pkg))
  res <- if (is.nan(t_pkg)) 0 else min(1, n * (1 - pt(t_pkg, n - 2)))
  pval <- 1 - (1 - res)
  pval <- 2 * pval
  if (pval > 1) pval <- 2 - pval
  list(value = o, G = G, t = t, p = p, pPackage = pval, bonferroniOneSided = n * sf)
}
grubbs_ref <- function(x, alpha = 0.05) {
  x <- as.numeric(x)
  idx <- seq_along(x)
  steps <- list(); flagged <- integer(0); reason <- NULL
  while (length(idx) >= 3) {
    cur <- x[idx]
    if (sd(cur) == 0) { reason <- "zero variance"; break }
    st <- grubbs_step_ref(cur)
    pos <- which(cur == st$value)[1]
    st$index <- idx[pos] - 1L  # 0-based, as in TypeScript
    st$n <- length(idx)
    steps[[length(steps) + 1]] <- st
    if (st$p < alpha) { flagged <- c(flagged, idx[pos] - 1L); idx <- idx[-pos] } else break
  }
  if (length(idx) < 3 && is.null(reason)) reason <- "fewer than 3 values left"
  list(alpha = alpha, steps = steps, flagged = I(flagged), stopReason = reason)
}

# ---- datasets ----------------------------------------------------------------------------------
set.seed(20240601)
hand <- list(
  n3 = c(1, 2, 10),
  ties = c(5, 5, 5, 6, 6, 7, 7, 7, 8, 30),
  obviousOutlier = c(9.8, 10.1, 10.0, 9.9, 10.2, 10.05, 9.95, 10.1, 25),
  # masking: the two high values hide each other from the first Grubbs step
  masking = c(10.0, 10.2, 9.9, 10.1, 9.8, 10.3, 9.7, 10.0, 20.0, 20.1),
  twoOutliersFlagged = c(round(rnorm(18, 50, 2), 3), 80, 20),
  madZero = c(3, 3, 3, 3, 3, 3, 4, 9),
  allEqual = c(7, 7, 7, 7),
  evenlySpaced = as.numeric(1:20),
  maxG = c(0, 0, 0, 0, 10),
  tinyP = c(round(rnorm(99, 0, 1), 6), 30),
  underflowP = c(round(rnorm(99, 0, 1), 6), 1e6),
  tiedExtremes = c(1, 5, 5.2, 4.8, 5.1, 4.9, 5, 1),
  negatives = c(-3.2, -1.1, -0.4, 0.0, 0.3, 0.9, 1.4, 2.2, -15.5, 4.1, 12.7)
)
datasets <- c(
  lapply(names(hand), function(nm) list(name = nm, source = "hand", x = I(hand[[nm]]))),
  study_cells()
)
cases <- lapply(datasets, function(d) {
  d$tukey <- tukey_ref(d$x)
  d$modifiedZ <- mz_ref(d$x)
  d$grubbs <- if (length(d$x) >= 3) grubbs_ref(d$x) else NULL
  d
})
out <- list(R = R.version.string, generated = format(Sys.time(), "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
            script = "test/stats/reference/outliers.R", cases = cases)
writeLines(to_json(out, pretty = FALSE, non_finite = "null"), file.path(script_dir, "outliers.json"))
cat("wrote", length(cases), "cases\n")
