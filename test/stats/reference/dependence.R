# Reference values for the checks of independence of repetitions in run order:
#   src/stats/kendallTau.ts        cor.test(x, y, method = "kendall") (exact and normal, ties, alternatives)
#   src/stats/sensSlope.ts         trend::sens.slope's formula, written here in base R (see below)
#   src/stats/autocorrelation.ts   acf(type = "correlation" and "covariance"), plot.acf's white-noise band
#   src/stats/ljungBox.ts          Box.test(type = "Ljung-Box" and "Box-Pierce")
#   src/stats/dependenceAdjustedMeanInterval.ts  AR(1), Newey-West and batch-means intervals of the mean
#
# Usage (from anywhere): Rscript test/stats/reference/dependence.R [YCSB-outputs folder]
# Writes dependence.json beside this script (every input and expected value, "%.17g"; non-finite values
# as the strings "NaN", "NA", "Inf", "-Inf"), so the TypeScript tests need neither R nor the data.
# Packages: base R (stats) and sandwich (Debian r-cran-sandwich) for the Newey-West cross-check.
# The package trend is not installed here: its sens.slope (trend 1.1.x) is written out below from its
# definition; the formula is Gilbert (1987) section 16.5 with ranks rounded by R's round().
library(sandwich)

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_study, study_cells, arr, to_json

# ---- Kendall's tau against run order ------------------------------------------------------------
pkendall <- function(q, n) .Call(stats:::C_pKendall, q, n)  # R's own exact cdf (ckendall / n!)

kendall_r <- function(y, alternative, exact = NULL, continuity = FALSE) {
  x <- seq_along(y)
  n <- length(y)
  ct <- suppressWarnings(cor.test(x, y, method = "kendall", alternative = alternative, exact = exact,
                                  continuity = continuity))
  method <- if (names(ct$statistic) == "T") "exact" else "normal"
  # The same tail summed directly: R's cor.test takes 1 - pkendall(T - 1, n) for the upper tail, which
  # has no digits left below ~1e-16; by symmetry P(T' >= T) = P(T' <= n0 - T).
  p_direct <- ct$p.value
  if (method == "exact") {
    T <- unname(ct$statistic); n0 <- n * (n - 1) / 2
    up <- pkendall(n0 - T, n); lo <- pkendall(T, n)
    p_direct <- switch(alternative, greater = up, less = lo,
                       two.sided = min(1, 2 * (if (T > n0 / 2) up else lo)))
  }
  list(alternative = alternative, exact = if (is.null(exact)) "default" else exact, continuity = continuity,
       method = method, tau = unname(ct$estimate), statistic = unname(ct$statistic),
       pCorTest = ct$p.value, p = p_direct)
}

# ---- Sen's slope: trend::sens.slope (1.1.x) written out ------------------------------------------
# slopes d = (x_j - x_i)/(j - i), i < j; estimate median(d); varS = (n(n-1)(2n+5) - sum t(t-1)(2t+5))/18
# over the tie groups of x (table(x)); C = qnorm(1 - (1 - conf)/2) sqrt(varS);
# bounds sort(d)[round((N - C)/2)] and sort(d)[round((N + C)/2 + 1)], N = n(n-1)/2 (NaN outside 1..N).
sens_r <- function(x, conf) {
  n <- length(x)
  ij <- which(upper.tri(matrix(0, n, n)), arr.ind = TRUE)       # row i < column j
  d <- (x[ij[, 2]] - x[ij[, 1]]) / (ij[, 2] - ij[, 1])
  N <- length(d)
  t <- as.vector(table(x))
  varS <- (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5))) / 18
  C <- qnorm(1 - (1 - conf) / 2) * sqrt(varS)
  r_lo <- round((N - C) / 2); r_up <- round((N + C) / 2 + 1)
  s <- sort(d)
  pick <- function(r) if (r >= 1 && r <= N) s[r] else NaN
  list(confidence = conf, slope = median(d), lo = pick(r_lo), hi = pick(r_up), varianceS = varS,
       lowerRank = r_lo, upperRank = r_up)
}

# ---- autocorrelation, Ljung-Box -----------------------------------------------------------------
acf_r <- function(x, L) {
  list(maxLag = L,
       acf = arr(as.vector(acf(x, lag.max = L, plot = FALSE)$acf)),
       acov = arr(as.vector(acf(x, lag.max = L, type = "covariance", plot = FALSE)$acf)))
}
box_r <- function(x, lag, type) {
  b <- Box.test(x, lag = lag, type = type)
  list(lag = lag, type = type, statistic = unname(b$statistic), df = unname(b$parameter),
       pBoxTest = b$p.value, p = pchisq(unname(b$statistic), lag, lower.tail = FALSE))
}

# ---- intervals of the mean under dependence ------------------------------------------------------
# AR(1): rho = max(0, r1); f = (1 + rho)/(1 - rho); nEff = n/f; se = sd/sqrt(nEff); t on nEff - 1.
# Newey-West: LRV = g0 + 2 sum_{j<=L} (1 - j/(L+1)) g_j (divisor n), written out with the residuals of
# lm(x ~ 1) and checked against sandwich::NeweyWest(prewhite = FALSE, adjust = FALSE) * n;
# f = LRV/g0, nEff = n/max(1, f), se = sd/sqrt(nEff), t on nEff - 1.
# Batch means: b batches of m = floor(n/b) consecutive values (the rest left out); t.test(batch means).
interval_from <- function(method, centre, se, nEff, df, conf, extra = list()) {
  hw <- if (df > 0) qt(1 - (1 - conf) / 2, df) * se else NaN
  c(list(method = method, confidence = conf, mean = centre, se = se, nEff = nEff, df = df,
         halfWidth = hw, lo = centre - hw, hi = centre + hw), extra)
}
ar1_r <- function(x, conf) {
  n <- length(x)
  r1 <- acf(x, lag.max = 1, plot = FALSE)$acf[2]
  rho <- max(0, r1); f <- (1 + rho) / (1 - rho); nEff <- n / max(1, f)
  interval_from("ar1", mean(x), sd(x) / sqrt(nEff), nEff, nEff - 1, conf,
                list(rho1 = r1, inflation = f, naiveSe = sd(x) / sqrt(n)))
}
nw_r <- function(x, conf, L = NULL) {
  n <- length(x)
  if (is.null(L)) L <- min(n - 1, floor(4 * (n / 100)^(2 / 9)))
  e <- residuals(lm(x ~ 1))
  lrv <- sum(e * e) / n
  if (L >= 1) for (j in 1:L) lrv <- lrv + 2 * (1 - j / (L + 1)) * sum(e[(j + 1):n] * e[1:(n - j)]) / n
  sw <- unname(NeweyWest(lm(x ~ 1), lag = L, prewhite = FALSE, adjust = FALSE)[1, 1]) * n
  stopifnot(abs(sw - lrv) <= 1e-12 * abs(lrv))
  g0 <- sum(e * e) / n
  f <- lrv / g0; nEff <- n / max(1, f)
  interval_from("newey-west", mean(x), sd(x) / sqrt(nEff), nEff, nEff - 1, conf,
                list(lag = L, longRunVariance = lrv, longRunVarianceSandwich = sw, inflation = f))
}
batch_r <- function(x, conf, b = NULL) {
  n <- length(x)
  if (is.null(b)) b <- floor(sqrt(n))
  m <- floor(n / b)
  used <- x[seq_len(b * m)]
  bm <- sapply(seq_len(b), function(i) mean(used[((i - 1) * m + 1):(i * m)]))
  tt <- t.test(bm, conf.level = conf)
  se <- unname(tt$stderr)
  nEff <- var(used) / se^2
  list(method = "batch-means", confidence = conf, batches = b, batchSize = m, used = b * m,
       batchMeans = arr(bm), mean = unname(tt$estimate), se = se, nEff = nEff, df = unname(tt$parameter),
       lo = tt$conf.int[1], hi = tt$conf.int[2], halfWidth = qt(1 - (1 - conf) / 2, b - 1) * se)
}

# ---- datasets -----------------------------------------------------------------------------------
set.seed(20240622)
series <- list()
add <- function(name, x, note = "", source = "generated") {
  series[[length(series) + 1]] <<- list(name = name, source = source, note = note, x = x)
}
add("n3-rising", c(10.2, 11.9, 11.1), "exact, smallest n of the trend checks", "hand")
add("n4-falling", c(7.5, 6.1, 6.8, 5.2), "", "hand")
add("n6-example", c(10.1, 10.4, 10.2, 10.9, 11.3, 11.0), "the kendallTau @example", "hand")
add("n8-example", c(10.1, 10.4, 10.2, 10.9, 11.3, 11.0, 11.6, 11.4), "the sensSlope @example", "hand")
add("n10-example", c(10, 12, 11, 13, 15, 14, 16, 18, 17, 19), "the dependenceAdjustedMeanInterval @example", "hand")
for (n in c(5, 10, 25, 30, 40, 49)) add(sprintf("stationary-n%d", n), rnorm(n, 100, 5), "iid normal, exact test")
for (n in c(50, 60)) add(sprintf("stationary-n%d", n), rnorm(n, 100, 5), "iid normal, n >= 50: normal approximation")
for (n in c(8, 20, 30, 49, 60)) add(sprintf("trend-n%d", n), 1000 - 4 * seq_len(n) + rnorm(n, 0, 20),
                                    "falling trend (-4 per repetition) in noise sd 20")
add("monotone-n20", 50 + sqrt(1:20), "strictly rising: exact p = 2/20!", "generated")
add("monotone-n49", 3000 - 0.5 * (1:49) + 0.01 * sin(1:49), "strictly falling, n = 49: exact p = 2/49! ~ 3e-63 (cor.test gives 0)")
add("monotone-n60", 200 + log(1:60), "strictly rising, n = 60: normal approximation, p ~ 1e-15")
ar1 <- function(n, phi, sd) { e <- rnorm(n + 50, 0, sd); y <- numeric(n + 50)
  for (t in 2:(n + 50)) y[t] <- phi * y[t - 1] + e[t]; y[51:(n + 50)] }
add("ar1-0.6-n30", 5000 + ar1(30, 0.6, 10), "AR(1), phi = 0.6, around 5000")
add("ar1-0.8-n60", 5000 + ar1(60, 0.8, 10), "AR(1), phi = 0.8, around 5000")
add("ar1-neg-n40", 700 + ar1(40, -0.5, 3), "AR(1), phi = -0.5: negative lag-1 autocorrelation")
add("ties-n12", c(3, 4, 4, 5, 3, 6, 6, 6, 7, 5, 8, 8), "integer values with ties: normal approximation below n = 50", "hand")
add("ties-n30", round(rnorm(30, 20, 2)), "rounded normal: many ties")
add("ties-n55", round(40 + 0.05 * (1:55) + rnorm(55, 0, 1.5)), "rounded, slight trend, n = 55")
add("offset-n25", 5000 + 0.01 * rnorm(25) + 0.0005 * (1:25), "mean 5000, spread 0.01: cancellation check")

study <- study_cells()
for (s in study) add(s$name, as.numeric(s$x), sprintf("lucas-fs study throughput in rep order, reps %s", paste(range(s$rep), collapse = "..")), "study")

cases <- lapply(series, function(s) {
  x <- s$x; n <- length(x)
  kendall <- list()
  for (alt in c("two.sided", "greater", "less")) kendall[[length(kendall) + 1]] <- kendall_r(x, alt)
  kendall[[length(kendall) + 1]] <- kendall_r(x, "two.sided", continuity = TRUE)
  if (n < 50) kendall[[length(kendall) + 1]] <- kendall_r(x, "two.sided", exact = FALSE)
  if (n >= 50 && n <= 60 && length(unique(x)) == n) kendall[[length(kendall) + 1]] <- kendall_r(x, "two.sided", exact = TRUE)
  L <- min(n - 1, 10)
  out <- list(name = s$name, source = s$source, note = s$note, x = arr(x), n = n,
              kendall = kendall,
              sens = list(sens_r(x, 0.95), sens_r(x, 0.9)),
              acf = acf_r(x, L),
              whiteNoiseBound = qnorm((1 + 0.95) / 2) / sqrt(n),
              ljungBox = list(box_r(x, 1, "Ljung-Box"), box_r(x, min(5, n - 1), "Ljung-Box"), box_r(x, 1, "Box-Pierce")))
  if (n >= 3) {
    iv <- list(ar1_r(x, 0.95), ar1_r(x, 0.9), nw_r(x, 0.95), nw_r(x, 0.95, 1))
    if (n >= 4) iv <- c(iv, list(batch_r(x, 0.95)))
    if (n >= 6) iv <- c(iv, list(batch_r(x, 0.9, 3)))
    out$intervals <- iv
  }
  out
})

# The study: the issue's claims, checked here so that the JSON holds what the issue describes.
st <- cases[sapply(cases, function(c) c$source == "study")]
p2 <- sapply(st, function(c) c$kendall[[1]]$p)
r1 <- sapply(st, function(c) c$acf$acf[2])
cat(sprintf("study: %d configurations, %d with Kendall p < 0.01, %d with lag-1 autocorrelation > 0.3\n",
            length(st), sum(p2 < 0.01), sum(r1 > 0.3)))

# Power of the two-sided exact test at alpha = 0.01 against a linear trend in iid normal noise (sd 1),
# n = 30, estimated from `reps` series simulated here: the TypeScript property test draws its own
# series and compares its rejection rate with these (two binomial proportions).
power <- lapply(c(0.06, 0.15), function(slope) {
  reps <- 10000; n <- 30
  rej <- 0
  for (i in seq_len(reps)) rej <- rej + (cor.test(1:n, slope * (1:n) + rnorm(n), method = "kendall")$p.value <= 0.01)
  list(n = n, slope = slope, sd = 1, alpha = 0.01, reps = reps, rejections = rej, rate = rej / reps)
})
cat(sprintf("power at slope %g: %g\n", sapply(power, `[[`, "slope"), sapply(power, `[[`, "rate")), sep = "")

out <- list(R = R.version.string, sandwich = as.character(packageVersion("sandwich")),
            script = "test/stats/reference/dependence.R",
            dataNote = "study cells: [OVERALL] Throughput(ops/sec) of lucas-fs *-exec-*.txt in rep order, the 2 failed Citus runs dropped",
            cases = cases, power = power)
writeLines(to_json(out), file.path(script_dir, "dependence.json"))
cat("wrote", length(cases), "cases to", file.path(script_dir, "dependence.json"), "\n")
