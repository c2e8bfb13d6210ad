# Reference values for src/stats/shapiroWilk.ts: R's shapiro.test (swilk.c, Royston 1995 AS R94).
# Usage (from anywhere): Rscript test/stats/reference/normality.R [YCSB-outputs folder]
# Writes normality.json beside this script (inputs + expected outputs, full precision).
#
# Study data: the argument, else $YCSB_OUTPUTS, else ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/
# YCSB-outputs beside the repository (see ../../reference-common.R);
# only the JSON is read by the tests, so they need neither R nor the data folder.

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # study_cells, to_json

sw <- function(x) {
  r <- shapiro.test(as.numeric(x))
  list(W = unname(r$statistic), p = r$p.value)
}
err <- function(x) tryCatch({ shapiro.test(x); NULL }, error = function(e) conditionMessage(e))

set.seed(20240601)
normal5000 <- rnorm(5000, mean = 100, sd = 15)
set.seed(20240602)
skewed5000 <- rexp(5000)^3
set.seed(20240603)
lognormal300 <- exp(2 * rnorm(300))
hand <- list(
  n3 = c(1, 2, 4),
  n3EvenlySpaced = c(1, 2, 3),
  n3NearlyTied = c(1, 1, 1.5),
  n4 = c(2.3, 1.1, 5.8, 3.0),
  n5 = c(10, 12, 11, 15, 30),
  n6 = c(3.1, 2.9, 3.0, 3.3, 2.7, 3.2),
  n7 = c(1, 2, 3, 4, 5, 6, 50),
  n11 = c(5.1, 4.9, 5.3, 5.0, 4.8, 5.2, 5.4, 4.7, 5.0, 5.1, 7.9),
  n12 = c(8, 9, 10, 10, 11, 11, 12, 12, 13, 14, 15, 31),
  ties = c(1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 5, 6, 7, 7, 9),
  oneOutlier = c(2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0, 3.9, 12.5),
  nearlyConstant = c(rep(0, 50), 1),
  tinyRange = c(1, 2, 3, 5, 8, 13) * 1e-12,
  largeOffset = 1e9 + c(0.5, 1.25, 2, 2.5, 3.75, 4, 6.5, 7, 9.25, 12),
  negative = c(-5.5, -3.2, -2.9, -2.2, -1.7, -1.1, -0.6, 0, 0.4, 1.9, 2.2, 3.8, 4.4),
  lognormal300 = lognormal300,
  normal5000 = normal5000,
  skewed5000 = skewed5000
)
datasets <- c(
  lapply(names(hand), function(nm) list(name = nm, source = "hand", x = I(hand[[nm]]))),
  study_cells()
)
cases <- lapply(datasets, function(d) c(d, sw(d$x)))
errors <- list(
  list(name = "n2", x = I(c(1, 2)), error = err(c(1, 2))),
  list(name = "n5001", n = 5001, error = err(rnorm(5001))),
  list(name = "allEqual", x = I(c(4, 4, 4, 4, 4)), error = err(c(4, 4, 4, 4, 4)))
)
out <- list(R = R.version.string, generated = format(Sys.time(), "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
            script = "test/stats/reference/normality.R", cases = cases, errors = errors)
writeLines(to_json(out, pretty = FALSE, non_finite = "null"), file.path(script_dir, "normality.json"))
cat("wrote", length(cases), "cases\n")
