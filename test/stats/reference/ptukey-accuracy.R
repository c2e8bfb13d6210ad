# How accurate is R's ptukey upper tail? (It is what src/stats/qtukey.ts ports, to ~5e-14 of R.)
# Tukey HSD and Games–Howell p-values are ptukey(q, k, df, lower.tail = FALSE), computed in R as
# 1 − (a Gauss–Legendre quadrature, Copenhaver & Holland 1988; R's nmath/ptukey.c), so their error is
# absolute, and it depends on df. This script measures it against values computed without that
# cancellation, and src/stats/studentizedRangePairs.ts (studentizedRangePFloor) states, per df, the
# level below which a p-value is reported only as a bound.
#
# k = 2: exact. The range of two means over s is sqrt(2)|T_df|, so
#        ptukey(q, 2, df, lower.tail = FALSE) = 2 pt(−q/√2, df) (pt is accurate to ~1e-15 relative).
# k = 3: direct integration of the upper tail, P(Q > q) = ∫ f_S(s) P(W > q s) ds, S = sqrt(χ²_df/df),
#        P(W > w) = 3 ∫ φ(z) Φ(z − w) (2Φ(z) − Φ(z − w)) dz (no subtraction of nearly equal numbers),
#        with integrate(rel.tol = 1e-10).
#
# Usage (from anywhere): Rscript test/stats/reference/ptukey-accuracy.R
# Writes ptukey-accuracy.json beside this script. Base R + jsonlite. Takes about a minute.
suppressPackageStartupMessages(library(jsonlite))

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # full_json
out_path <- file.path(script_dir, "ptukey-accuracy.json")

# k = 2 on a dense grid of q and df: the largest absolute error of R's upper tail per df.
q2 <- c(seq(0.2, 20, by = 0.02), seq(20, 600, by = 0.5))
dfs2 <- c(seq(2, 12, by = 0.25), 13:40, seq(42, 200, by = 2), seq(210, 1000, by = 10),
          seq(1100, 25000, by = 100), 3e4, 5e4, 1e5, 1e6)
k2 <- lapply(dfs2, function(df) {
  exact <- 2 * pt(-q2 / sqrt(2), df)
  err <- abs(ptukey(q2, 2, df, lower.tail = FALSE) - exact)
  i <- which.max(err)
  list(k = 2, df = df, maxAbsError = err[i], atQ = q2[i], exactThere = exact[i])
})

# k = 3 on a coarser grid (each value is a double integral).
pw3 <- function(w) sapply(w, function(wi) 3 * integrate(function(z) dnorm(z) * pnorm(z - wi) *
  (2 * pnorm(z) - pnorm(z - wi)), -Inf, Inf, rel.tol = 1e-12, subdivisions = 1000L)$value)
ds <- function(s, df) exp(log(2) + (df / 2) * log(df / 2) - lgamma(df / 2) + (df - 1) * log(s) - df * s^2 / 2)
up3 <- function(q, df) integrate(function(s) ds(s, df) * pw3(q * s), 0, Inf, rel.tol = 1e-10,
                                 subdivisions = 1000L)$value
q3 <- c(2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40)
dfs3 <- c(2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 30, 45, 58, 87, 100, 150, 199, 250, 500, 900,
          1500, 3000, 10000, 20000, 3e4, 1e5)
k3 <- lapply(dfs3, function(df) {
  direct <- sapply(q3, up3, df = df)
  err <- abs(ptukey(q3, 3, df, lower.tail = FALSE) - direct)
  i <- which.max(err)
  list(k = 3, df = df, maxAbsError = err[i], atQ = q3[i], directThere = direct[i])
})
# The direct integral agrees with R where R is accurate (moderate q, df 30): a check of the method.
stopifnot(abs(up3(6, 30) - ptukey(6, 3, 30, lower.tail = FALSE)) < 1e-12)

writeLines(full_json(list(
  R = R.version.string,
  generated = "Rscript test/stats/reference/ptukey-accuracy.R",
  k2 = k2, k3 = k3
), pretty = TRUE, null = "null"), out_path)
cat("wrote", out_path, "\n")
