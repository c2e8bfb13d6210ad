# Reference values for the robust noise variance pelt() uses by default (src/stats/pelt.ts,
# diffVariance): (mad(diff(y)))^2 / 2, R's mad with its constant 1.4826, or var(diff(y)) / 2 when
# that MAD is 0.
#
# Usage (from anywhere): Rscript test/stats/reference/pelt-variance.R
# Writes pelt-variance.json beside this script: series of odd and even lengths (so that the medians
# of the differences are a middle value and a mean of two), with ties (rounded values), with a MAD of
# 0 (mostly constant with a few jumps), and with large means.
script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # full_json

set.seed(20261121)
robust <- function(y) {
  d <- diff(y)
  m <- mad(d)
  if (m > 0) m^2 / 2 else var(d) / 2
}
series <- list()
for (n in c(3, 4, 5, 6, 7, 8, 20, 21, 50, 51, 81, 200, 201, 600)) {
  series[[length(series) + 1]] <- rnorm(n, 1000, 50)
  series[[length(series) + 1]] <- round(rnorm(n, 1000, 50))            # ties
  series[[length(series) + 1]] <- round(runif(n, 0, 5))                 # many ties
  y <- rep(7, n); y[seq(2, n, by = 5)] <- 9                            # MAD 0 or not, by n
  series[[length(series) + 1]] <- y
  series[[length(series) + 1]] <- 1e9 + rnorm(n, 0, 3)                  # large mean
  series[[length(series) + 1]] <- c(rep(0, n %/% 4), rnorm(n - n %/% 4, 500, 20))  # warm-up step
}
out <- list(
  r_version = R.version.string,
  cases = lapply(series, function(y) list(y = y, variance = robust(y), mad_zero = mad(diff(y)) == 0))
)
writeLines(full_json(out), file.path(script_dir, "pelt-variance.json"))
