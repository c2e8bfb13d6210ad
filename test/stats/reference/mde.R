# Reference values for the minimum detectable difference of the two-sided Welch t-test
# (src/stats/power.ts: welchMinimumDetectable, powerTTestDelta): the smallest true difference of
# means the test rejects with the given power at the sizes and standard deviations at hand.
#
# Usage (from anywhere): Rscript test/stats/reference/mde.R [YCSB-outputs folder]
# Writes mde.json beside this script (inputs + expected outputs, full precision). Base R + jsonlite;
# the study (the argument, else $YCSB_OUTPUTS, else ../shared/data beside the repository) is read
# only while generating: the JSON is self-contained.
#
# The approximation (as MESS::power_t_test with df.method = "welch"): the two standard deviations
# are taken as the true ones, the statistic as noncentral t with the Welch–Satterthwaite degrees of
# freedom nu = (a + b)^2 / (a^2/(nA - 1) + b^2/(nB - 1)), a = sdA^2/nA, b = sdB^2/nB, and
# noncentrality delta / sqrt(a + b); power counts rejections in the direction of the difference
# only (power.t.test's default strict = FALSE). With nA = nB and sdA = sdB this is exactly
# power.t.test's two-sample model (nu = 2(n - 1), ncp = sqrt(n/2) delta / sd).
suppressPackageStartupMessages(library(jsonlite))

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_study, full_json
out_path <- file.path(script_dir, "mde.json")

# (a) equal sizes and standard deviations: R's own power.t.test. Its default uniroot tolerance is
# .Machine$double.eps^0.25 (~1.2e-4), so it is also run with tol = 1e-12 for the exact root.
equal_grid <- expand.grid(n = c(2, 3, 5, 10, 30, 100), sd = c(1, 2.64), power = c(0.8, 0.9),
                          alpha = c(0.05, 0.01))
equal_cases <- lapply(seq_len(nrow(equal_grid)), function(r) {
  a <- equal_grid[r, ]
  list(n = a$n, sd = a$sd, power = a$power, alpha = a$alpha,
       delta = power.t.test(n = a$n, sd = a$sd, power = a$power, sig.level = a$alpha, tol = 1e-12)$delta,
       deltaDefaultTol = power.t.test(n = a$n, sd = a$sd, power = a$power, sig.level = a$alpha)$delta)
})

# (b) unequal sizes and standard deviations: a direct uniroot on the noncentral t power.
welch_power_at <- function(delta, nA, sdA, nB, sdB, alpha) {
  a <- sdA^2 / nA; b <- sdB^2 / nB
  nu <- (a + b)^2 / (a^2 / (nA - 1) + b^2 / (nB - 1))
  pt(qt(1 - alpha / 2, nu), nu, ncp = delta / sqrt(a + b), lower.tail = FALSE)
}
welch_mde <- function(nA, sdA, nB, sdB, power = 0.8, alpha = 0.05) {
  se <- sqrt(sdA^2 / nA + sdB^2 / nB)
  a <- sdA^2 / nA; b <- sdB^2 / nB
  nu <- (a + b)^2 / (a^2 / (nA - 1) + b^2 / (nB - 1))
  delta <- uniroot(function(d) welch_power_at(d, nA, sdA, nB, sdB, alpha) - power,
                   c(0, 100 * se), tol = 1e-14 * se, maxiter = 10000)$root
  list(nA = nA, sdA = sdA, nB = nB, sdB = sdB, power = power, alpha = alpha, delta = delta, df = nu,
       crit = qt(1 - alpha / 2, nu), ncp = delta / se,
       achieved = welch_power_at(delta, nA, sdA, nB, sdB, alpha))
}
unequal_cases <- list(
  welch_mde(5, 1, 30, 4), welch_mde(30, 2.64, 30, 1.59), welch_mde(29, 0.413, 30, 0.268),
  welch_mde(3, 10, 8, 1), welch_mde(2, 1, 2, 3), welch_mde(12, 0.5, 40, 0.5),
  welch_mde(6, 2.0, 5, 0.865, 0.9), welch_mde(10, 3, 20, 1, 0.8, 0.01)
)
# The same function reproduces power.t.test at equal sizes and sds (checked here, not in the test).
for (e in equal_cases[1:8]) {
  d <- welch_mde(e$n, e$sd, e$n, e$sd, e$power, e$alpha)$delta
  stopifnot(abs(d - e$delta) <= 1e-9 * e$delta)
}

# How good is the approximation? The rejection rate of R's t.test (Welch) on normal samples with
# these sds and sizes and a true difference equal to the computed MDE, 20,000 samples each
# (standard error of a rejection rate near 0.8: 0.0028).
set.seed(20240917)
simulate <- function(e, reps = 20000) {
  hits <- 0
  for (i in seq_len(reps)) {
    x <- rnorm(e$nA, 0, e$sdA); y <- rnorm(e$nB, e$delta, e$sdB)
    if (t.test(y, x)$p.value < e$alpha) hits <- hits + 1
  }
  list(nA = e$nA, sdA = e$sdA, nB = e$nB, sdB = e$sdB, alpha = e$alpha, power = e$power,
       delta = e$delta, reps = reps, rejected = hits / reps)
}
simulated <- lapply(unequal_cases[c(1, 2, 4, 6, 7)], simulate)

# (c) the study: throughput of each (db, workload), every pair of rf levels.
runs <- read_study()$runs
study <- list()
for (db in sort(unique(runs$db))) for (wl in sort(unique(runs$workload))) {
  s <- runs[runs$db == db & runs$workload == wl, ]
  for (i in 1:2) for (j in (i + 1):3) {
    xa <- s$throughput[s$rf == i]; xb <- s$throughput[s$rf == j]
    m <- welch_mde(length(xa), sd(xa), length(xb), sd(xb))
    study[[length(study) + 1]] <- c(list(db = db, workload = wl, a = as.character(i), b = as.character(j),
      meanA = mean(xa), percent = 100 * m$delta / abs(mean(xa))), m)
  }
}

writeLines(full_json(list(
  R = R.version.string,
  generated = "Rscript test/stats/reference/mde.R",
  equal = equal_cases, unequal = unequal_cases, simulated = simulated, study = study
), pretty = TRUE, null = "null"), out_path)
cat("wrote", out_path, "\n")
