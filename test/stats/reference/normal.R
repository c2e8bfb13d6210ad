# Reference values for normalCdf / normalSf in src/stats/distributions.ts (R's pnorm, both tails).
#
# Usage (from anywhere): Rscript test/stats/reference/normal.R
# Writes normal.json beside this script: a grid of z through every region of the algorithm
# (|z| <= 0.67448975, up to sqrt(32), the asymptotic region, and beyond the cut-offs where R gives
# exactly 0 or 1), with R's lower and upper tails printed at full precision.
script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # full_json

z <- c(0, 1e-300, 1e-17, 1e-8, 0.1, 0.5, 0.6744897, 0.67448975, 0.6744898, 0.7, 1, 1.959963984540054,
       2.5, 3, 4, 5, 5.656854, 5.6568543, 5.66, 6, 7, 8, 8.29, 8.3, 10, 15, 20, 30, 37.5, 37.52, 38, 40)
set.seed(20261121)
z <- sort(unique(c(z, -z, round(runif(200, -40, 40), 6), round(rnorm(200, 0, 3), 9))))
out <- list(
  r_version = R.version.string,
  cases = lapply(z, function(v) list(z = v, lower = pnorm(v), upper = pnorm(v, lower.tail = FALSE)))
)
writeLines(full_json(out), file.path(script_dir, "normal.json"))
