# Levels with a single run: what R does with them, for test/analysis/analyze-edge.test.ts.
# R keeps a level with n = 1 in aov (and so TukeyHSD), kruskal.test and car::leveneTest; Welch's
# ANOVA (oneway.test, var.equal = FALSE), Games–Howell and Welch's t-test need a variance per level,
# so those are computed here on the levels with at least 2 runs (and the script records what
# oneway.test says when the singleton is left in).
#
# Usage (from anywhere): Rscript test/analysis/reference/singletons.R
# Writes singletons.json beside this script. Needs jsonlite and car.
suppressPackageStartupMessages({ library(jsonlite); library(car) })

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # full_json

# Games–Howell as in test/stats/reference/pairwise.R (PMCMRplus / rstatix convention), p only.
games_howell_p <- function(groups) {
  k <- length(groups); n <- sapply(groups, length); m <- sapply(groups, mean); v <- sapply(groups, var)
  out <- list()
  for (i in 1:(k - 1)) for (j in (i + 1):k) {
    A <- v[i] / n[i] + v[j] / n[j]
    df <- A^2 / ((v[i] / n[i])^2 / (n[i] - 1) + (v[j] / n[j])^2 / (n[j] - 1))
    out[[length(out) + 1]] <- list(i = i, j = j, p = ptukey(abs(m[j] - m[i]) / sqrt(A / 2), k, df, lower.tail = FALSE))
  }
  out
}

case <- function(name, groups) {
  levels <- as.character(seq_along(groups))
  y <- unlist(groups)
  g <- factor(rep(levels, sapply(groups, length)), levels = levels)
  fit <- aov(y ~ g)
  tab <- summary(fit)[[1]]
  kw <- kruskal.test(y ~ g)
  lm <- car::leveneTest(y ~ g, center = mean)
  bf <- car::leveneTest(y ~ g, center = median)
  tk <- TukeyHSD(fit, conf.level = 0.95)$g
  tukey <- lapply(seq_len(nrow(tk)), function(r) {
    ij <- strsplit(rownames(tk)[r], "-")[[1]]
    list(a = ij[2], b = ij[1], diff = tk[r, "diff"], lo = tk[r, "lwr"], hi = tk[r, "upr"], p = tk[r, "p adj"])
  })
  multi <- sapply(groups, length) >= 2
  welchAll <- tryCatch({ w <- oneway.test(y ~ g, var.equal = FALSE); sprintf("F = %s, p = %s", w$statistic, w$p.value) },
                       error = conditionMessage, warning = conditionMessage)
  out <- list(name = name, levels = I(levels), groups = lapply(groups, I),
    anova = list(F = tab[1, "F value"], df1 = tab[1, "Df"], df2 = tab[2, "Df"], p = tab[1, "Pr(>F)"]),
    kruskal = list(H = unname(kw$statistic), df = unname(kw$parameter), p = kw$p.value),
    levene = list(F = lm[1, "F value"], df1 = lm[1, "Df"], df2 = lm[2, "Df"], p = lm[1, "Pr(>F)"]),
    brownForsythe = list(F = bf[1, "F value"], df1 = bf[1, "Df"], df2 = bf[2, "Df"], p = bf[1, "Pr(>F)"]),
    tukey = tukey, withVariance = I(levels[multi]), welchWithSingletons = welchAll)
  if (sum(multi) >= 2) {
    ym <- unlist(groups[multi]); gm <- factor(rep(levels[multi], sapply(groups[multi], length)), levels = levels[multi])
    w <- oneway.test(ym ~ gm, var.equal = FALSE)
    out$welch <- list(F = unname(w$statistic), df1 = unname(w$parameter[1]), df2 = unname(w$parameter[2]), p = w$p.value)
    gh <- games_howell_p(groups[multi])
    out$gamesHowell <- lapply(gh, function(e) list(a = levels[multi][e$i], b = levels[multi][e$j], p = e$p))
    out$welchT <- lapply(gh, function(e) {
      t <- t.test(groups[multi][[e$j]], groups[multi][[e$i]])
      list(a = levels[multi][e$i], b = levels[multi][e$j], p = t$p.value)
    })
  }
  out
}

cases <- list(
  case("one singleton beside a level of 3", list(c(42), c(40, 41, 43))),
  case("a singleton among three levels", list(c(55.1), c(50.2, 51.3, 49.8, 50.9), c(45.0, 46.2, 44.1, 45.8, 46.0))),
  case("two singletons among four levels", list(c(10), c(12), c(11, 13, 12.5), c(15, 14, 16.2, 15.5)))
)

writeLines(full_json(list(
  R = R.version.string,
  car = as.character(packageVersion("car")),
  generated = "Rscript test/analysis/reference/singletons.R",
  cases = cases
), pretty = TRUE, null = "null"), file.path(script_dir, "singletons.json"))
cat("wrote", file.path(script_dir, "singletons.json"), "\n")
