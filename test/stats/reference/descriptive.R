# Reference values for src/stats/{describe,standardDeviation,standardError,coefficientOfVariation,
# tConfidenceInterval,medianConfidenceInterval,ratioOfSums,repetitionsNeeded}.ts.
#
# Usage (from anywhere): Rscript test/stats/reference/descriptive.R [YCSB-outputs folder]
# The folder defaults to ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs relative to the
# project root (found from this script's own location). Writes descriptive.json beside this script,
# holding every input and every expected value, so the TypeScript tests need neither R nor the data.
# Base R only (stats); numbers written with sprintf("%.17g") so they round-trip exactly.

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # study_dir, read_study, arr, to_json

# ---- the statistics, as R computes them ---------------------------------------------------------
describe_r <- function(x) {
  n <- length(x)
  s <- if (n >= 2) sd(x) else NaN
  list(n = n, mean = if (n) mean(x) else NaN, sd = s, se = s / sqrt(n),
       median = if (n) median(x) else NaN, min = if (n) min(x) else NaN,
       max = if (n) max(x) else NaN, cv = if (n) s / mean(x) else NaN)
}

t_ci_r <- function(x, conf) {
  tt <- t.test(x, conf.level = conf)
  q <- qt(1 - (1 - conf) / 2, length(x) - 1)
  list(confidence = conf, mean = unname(tt$estimate), lo = tt$conf.int[1], hi = tt$conf.int[2],
       halfWidth = q * tt$stderr, df = unname(tt$parameter))
}

# Exact distribution-free CI of the median: r = largest r in 1..floor((n+1)/2) with
# 2 * pbinom(r - 1, n, 0.5) <= (1 - conf) * (1 + 1e-12); interval [x_(r), x_(n+1-r)],
# coverage 1 - 2 * pbinom(r - 1, n, 0.5). The 1e-12 fuzz keeps exact ties (n = 3 at 75 %: coverage is
# exactly 0.75) that pbinom misses by one rounding (pbinom(0, 3, 0.5) = 0.12500000000000003).
median_rank_r <- function(n, conf) {
  alpha <- 1 - conf
  limit <- alpha * (1 + 1e-12)
  if (n == 0 || 2 * pbinom(0, n, 0.5) > limit) {
    m <- max(n, 1)
    while (2 * 0.5^m > limit) m <- m + 1
    return(list(n = n, confidence = conf, r = NaN, coverage = NaN, runsNeeded = m))
  }
  rs <- seq_len(floor((n + 1) / 2))
  r <- max(rs[2 * pbinom(rs - 1, n, 0.5) <= limit])
  # Cross-check with the textbook qbinom form (plus one when the cdf hits alpha/2 exactly).
  k <- qbinom(alpha / 2, n, 0.5)
  if (abs(pbinom(k, n, 0.5) - alpha / 2) <= 1e-12 * alpha / 2) k <- k + 1
  if (k != r) message(sprintf("note: n = %d, conf = %g: rule gives r = %d, qbinom form %d", n, conf, r, k))
  list(n = n, confidence = conf, r = r, coverage = 1 - 2 * pbinom(r - 1, n, 0.5), runsNeeded = NaN)
}
median_ci_r <- function(x, conf) {
  n <- length(x)
  k <- median_rank_r(n, conf)
  s <- sort(x)
  list(confidence = conf, center = if (n) median(x) else NaN,
       lo = if (is.nan(k$r)) NaN else s[k$r], hi = if (is.nan(k$r)) NaN else s[n + 1 - k$r],
       lowerRank = k$r, upperRank = n + 1 - k$r, coverage = k$coverage, runsNeeded = k$runsNeeded)
}

# Smallest n >= 2 with qt(1 - alpha/2, n - 1) * sd / sqrt(n) <= target * |mean|, searched n = 2..1e5.
reps_needed_r <- function(s, m, target, conf, current_n) {
  n <- 2:100000
  lhs <- qt(1 - (1 - conf) / 2, n - 1) * s / sqrt(n)
  stopifnot(all(diff(lhs) <= 0))  # decreasing, so bisection and a linear search agree
  ok <- which(lhs <= target * abs(m))
  needed <- if (length(ok)) n[min(ok)] else Inf
  list(sd = s, mean = m, target = target, confidence = conf, currentN = current_n,
       needed = needed, additional = max(0, needed - current_n))
}

# ---- data ---------------------------------------------------------------------------------------
set.seed(20240601)
hand <- list(
  list(name = "n2", x = c(3.1, 4.7)),
  list(name = "n3", x = c(10, 12, 17)),
  list(name = "n5", x = c(5.2, 4.8, 5.9, 5.1, 4.6)),
  list(name = "n6", x = c(101.5, 99.2, 100.8, 98.7, 102.3, 100.1)),
  list(name = "n7", x = c(0.91, 1.37, 1.02, 0.88, 1.15, 1.49, 0.97)),
  list(name = "ties", x = c(2, 2, 2, 3, 3, 5, 5, 5, 5, 8)),
  list(name = "offset1e9", x = 1e9 + c(0.13, -0.41, 0.77, 0.02, -0.29, 0.55, -0.08, 0.31, -0.66, 0.19)),
  list(name = "negative", x = c(-3.5, -1.2, -7.8, -0.4, -2.2, -5.1, -3.3)),
  list(name = "meanNearZero", x = c(-2, 1.5, 0.3, -0.1, 0.4, 0.05)),
  list(name = "skewed", x = c(1, 1, 1, 2, 2, 3, 5, 8, 13, 40)),
  list(name = "lognormal40", x = rlnorm(40, meanlog = 3, sdlog = 0.4)),
  list(name = "normal200", x = rnorm(200, mean = 1000, sd = 35))
)
for (h in hand) h$source <- "hand"

study_runs <- read_study(extra = function(lines) {
  opl <- grep("^\\[[A-Z-]+\\], Operations, ", lines, value = TRUE)
  opl <- opl[!startsWith(opl, "[CLEANUP]")]
  list(runtime_ms = run_value(lines, "[OVERALL], RunTime(ms)"),
       operations = sum(as.numeric(sub(".*, ", "", opl))))
})
failed <- study_runs$failed
ok_runs <- study_runs$runs
strata <- list(c("cassandra", "a", 1), c("cassandra", "a", 2), c("cassandra", "a", 3),
               c("citus", "c", 1), c("hbase", "b", 2), c("citus", "d", 2), c("hbase", "d", 3))
study <- lapply(strata, function(s) {
  g <- ok_runs[ok_runs$db == s[1] & ok_runs$workload == s[2] & ok_runs$rf == as.integer(s[3]), ]
  g <- g[order(g$rep), ]
  # Sanity: the YCSB throughput is operations over run time.
  stopifnot(all(abs(g$operations / (g$runtime_ms / 1000) / g$throughput - 1) < 1e-9))
  list(name = sprintf("%s/%s/rf%s", s[1], s[2], s[3]), source = "lucas-fs YCSB-outputs throughput",
       x = g$throughput, reps = g$rep, operations = g$operations, seconds = g$runtime_ms / 1000)
})

confs <- c(0.9, 0.95, 0.99)
one <- function(d) {
  x <- d$x
  out <- list(name = d$name, source = if (is.null(d$source)) "hand" else d$source, x = arr(x),
              describe = describe_r(x),
              tInterval = lapply(confs, function(cf) t_ci_r(x, cf)),
              medianInterval = lapply(c(0.5, confs), function(cf) median_ci_r(x, cf)),
              repetitions = unlist(lapply(c(0.95, 0.99), function(cf)
                lapply(c(0.01, 0.05, 0.1), function(tg) reps_needed_r(sd(x), mean(x), tg, cf, length(x)))),
                recursive = FALSE))
  if (!is.null(d$reps)) out$reps <- arr(d$reps)
  out
}
datasets <- c(lapply(hand, one), lapply(study, one))

# Edge cases that R's t.test refuses (n = 1, constant data): describe only.
edge <- list(
  list(name = "n1", x = arr(c(42)), describe = describe_r(c(42))),
  list(name = "constant", x = arr(rep(7.25, 5)), describe = describe_r(rep(7.25, 5)))
)

# Ranks and coverage of the median interval over a grid of n and levels (x = 1..n).
grid <- expand.grid(n = c(0:60, 99, 100, 101, 500, 999, 1000, 1001, 1500, 5000, 20001),
                    conf = c(0.5, 0.75, 0.8, 0.9, 0.95, 0.99, 0.999))
median_ranks <- lapply(seq_len(nrow(grid)), function(i) median_rank_r(grid$n[i], grid$conf[i]))

ratio_cases <- c(
  list(list(name = "hand: 100 ops in 1 s and in 100 s", operations = arr(c(100, 100)), seconds = arr(c(1, 100)),
            expected = 200 / 101)),
  list(list(name = "hand: unequal counts", operations = arr(c(1000, 2500, 40, 0)),
            seconds = arr(c(12.5, 31.25, 0.8, 3)), expected = sum(c(1000, 2500, 40, 0)) / sum(c(12.5, 31.25, 0.8, 3)))),
  lapply(study, function(d) list(name = d$name, operations = arr(d$operations), seconds = arr(d$seconds),
                                 expected = sum(d$operations) / sum(d$seconds),
                                 meanOfRates = mean(d$x)))
)

out <- list(
  R = R.version.string,
  script = "test/stats/reference/descriptive.R",
  dataNote = paste0("Study strata: [OVERALL] Throughput(ops/sec) of *-exec-*.txt, runs with throughput 0 dropped: ",
                    paste(failed$file, collapse = ", ")),
  datasets = datasets,
  edge = edge,
  medianRanks = median_ranks,
  ratioOfSums = ratio_cases
)
writeLines(to_json(out), file.path(script_dir, "descriptive.json"))
cat("wrote", file.path(script_dir, "descriptive.json"), "\n")
