# Reference values for src/stats/{rng,bootstrapBca}.ts.
#
# Usage (from anywhere): Rscript test/stats/reference/bootstrap.R [YCSB-outputs folder]
# The folder defaults to ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs relative to the
# project root (found from this script's own location). Writes bootstrap.json beside this script with
# every input and expected value, so the TypeScript tests need neither R nor the data.
#
# Two kinds of cases:
#  - "replicates": R's own RNG draws the resamples (boot::boot); the JSON holds x and the replicates
#    t*, and the expected interval is boot::boot.ci(type = "bca") with jackknife influence values
#    (L = empinf(b, type = "jack")). The TS test feeds the same replicates to bcaFromReplicates.
#  - "seeded": the resample indices come from xoshiro128** seeded by SplitMix32, reimplemented below
#    in exact double arithmetic (checked against the published test vector), so the TS bootstrapBca
#    with the same seed must give the same interval as boot.ci on a boot object holding those
#    replicates.
suppressPackageStartupMessages(library(boot))

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # study_dir, read_study, arr, to_json

# ---- xoshiro128** 1.1 and SplitMix32 in exact double arithmetic (all values in [0, 2^32)) -------
TWO16 <- 65536; TWO32 <- 4294967296
xor32 <- function(a, b) {
  bitwXor(a %/% TWO16, b %/% TWO16) * TWO16 + bitwXor(a %% TWO16, b %% TWO16)
}
mul32 <- function(a, b) {  # a * b mod 2^32, exact: split into 16-bit halves
  al <- a %% TWO16; ah <- a %/% TWO16; bl <- b %% TWO16; bh <- b %/% TWO16
  ((ah * bl + al * bh) %% TWO16 * TWO16 + al * bl) %% TWO32
}
shl32 <- function(x, k) (x * 2^k) %% TWO32
shr32 <- function(x, k) x %/% 2^k
rotl32 <- function(x, k) shl32(x, k) + shr32(x, 32 - k)
splitmix32 <- function(seed, k) {
  z <- (seed + mul32(k, 0x9e3779b9)) %% TWO32
  z <- mul32(xor32(z, shr32(z, 16)), 0x85ebca6b)
  z <- mul32(xor32(z, shr32(z, 13)), 0xc2b2ae35)
  xor32(z, shr32(z, 16))
}
rng_env <- new.env()
rng_set_state <- function(s) assign("s", s, envir = rng_env)
rng_seed <- function(seed) rng_set_state(vapply(1:4, function(k) splitmix32(seed, k), 0))
rng_next <- function() {
  s <- rng_env$s
  result <- mul32(rotl32(mul32(s[2], 5), 7), 9)
  t <- shl32(s[2], 9)
  s[3] <- xor32(s[3], s[1])
  s[4] <- xor32(s[4], s[2])
  s[2] <- xor32(s[2], s[3])
  s[1] <- xor32(s[1], s[4])
  s[3] <- xor32(s[3], t)
  s[4] <- rotl32(s[4], 11)
  rng_env$s <- s
  result
}
rng_int <- function(n) {  # uniform in 0..n-1 by rejection: accept u < 2^32 - (2^32 mod n)
  limit <- TWO32 - TWO32 %% n
  repeat {
    u <- rng_next()
    if (u < limit) return(u %% n)
  }
}

# Published test vector of xoshiro128** (reference C code, state {1, 2, 3, 4}).
rng_set_state(c(1, 2, 3, 4))
vector_1234 <- vapply(1:5, function(i) rng_next(), 0)
stopifnot(identical(vector_1234, c(11520, 0, 5927040, 70819200, 2031721883)))

rng_streams <- lapply(c(0, 1, 42, 4294967295), function(seed) {
  rng_seed(seed)
  state <- rng_env$s
  out <- vapply(1:20, function(i) rng_next(), 0)
  rng_seed(seed)
  ints <- vapply(1:40, function(i) rng_int(c(7, 30, 1, 2, 1000003, 2147483649)[(i - 1) %% 6 + 1]), 0)
  list(seed = seed, state = arr(state), uint32 = arr(out),
       randomIntN = arr(rep(c(7, 30, 1, 2, 1000003, 2147483649), length.out = 40)), randomInt = arr(ints))
})

# Resample indices (1-based) for B resamples of n values from the seeded stream, in the order of the
# TS code: resample b takes for j = 1..n the index randomInt(n) + 1.
seeded_indices <- function(n, B, seed) {
  rng_seed(seed)
  matrix(vapply(seq_len(n * B), function(i) rng_int(n), 0) + 1, nrow = B, byrow = TRUE)
}

# ---- data -----------------------------------------------------------------------------------------
runs <- read_study()$runs  # failed runs (throughput 0) dropped
stratum <- function(db, wl, rf) {
  g <- runs[runs$db == db & runs$workload == wl & runs$rf == rf, ]
  g$throughput[order(g$rep)]
}
study <- list(
  list(name = "cassandra/a/rf1", x = stratum("cassandra", "a", 1)),
  list(name = "cassandra/a/rf2", x = stratum("cassandra", "a", 2)),
  list(name = "cassandra/a/rf3", x = stratum("cassandra", "a", 3)),
  list(name = "citus/c/rf1", x = stratum("citus", "c", 1)),
  list(name = "hbase/b/rf2", x = stratum("hbase", "b", 2)),
  list(name = "citus/d/rf2", x = stratum("citus", "d", 2))
)
stopifnot(length(study[[4]]$x) == 29)
hand <- list(
  list(name = "n2", x = c(3.1, 4.7)),
  list(name = "n5", x = c(5.2, 4.8, 5.9, 5.1, 4.6)),
  list(name = "n7", x = c(0.91, 1.37, 1.02, 0.88, 1.15, 1.49, 0.97)),
  list(name = "ties", x = c(2, 2, 2, 3, 3, 5, 5, 5, 5, 8)),
  list(name = "offset1e9", x = 1e9 + c(0.13, -0.41, 0.77, 0.02, -0.29, 0.55, -0.08, 0.31, -0.66, 0.19)),
  list(name = "negative", x = c(-3.5, -1.2, -7.8, -0.4, -2.2, -5.1, -3.3)),
  list(name = "skewed", x = c(1, 1, 1, 2, 2, 3, 5, 8, 13, 40))
)
stats <- list(mean = function(d, i) mean(d[i]), median = function(d, i) median(d[i]))

# BCa exactly as boot.ci(type = "bca") with jackknife L, plus its ingredients computed by hand.
bca_expected <- function(b, conf) {
  L <- empinf(b, type = "jack")
  ci <- boot.ci(b, conf = conf, type = "bca", L = L)
  t <- b$t[is.finite(b$t[, 1]), 1]
  t0 <- b$t0[1]
  z0 <- qnorm(sum(t < t0) / length(t))
  a <- sum(L^3) / (6 * sum(L^2)^1.5)
  zalpha <- qnorm((1 + c(-conf, conf)) / 2)
  adj <- pnorm(z0 + (z0 + zalpha) / (1 - a * (z0 + zalpha)))
  direct <- boot:::bca.ci(b, conf = conf, t0 = t0, t = b$t[, 1], L = L)
  stopifnot(identical(unname(ci$bca[1, 4:5]), unname(direct[1, 4:5])))
  extreme <- { rk <- (length(t) + 1) * adj; !all(rk > 1 & rk < length(t)) }
  list(t0 = t0, lo = ci$bca[1, 4], hi = ci$bca[1, 5], z0 = z0, acceleration = a,
       adjustedLevels = arr(adj), extreme = extreme)
}

# ---- cases with R's RNG: replicates in the JSON --------------------------------------------------
replicate_case <- function(d, statistic, B, conf, seed) {
  set.seed(seed)
  b <- boot(d$x, stats[[statistic]], R = B)
  e <- bca_expected(b, conf)
  c(list(name = d$name, statistic = statistic, x = arr(d$x), B = B, confidence = conf, rSeed = seed,
         replicates = arr(b$t[, 1])), e)
}
replicate_cases <- c(
  lapply(study, function(d) replicate_case(d, "mean", 1000, 0.95, 101)),
  list(replicate_case(study[[5]], "mean", 1999, 0.99, 102),
       replicate_case(study[[1]], "median", 1000, 0.95, 103),
       replicate_case(study[[4]], "median", 999, 0.9, 104)),
  lapply(hand[-1], function(d) replicate_case(d, "mean", 1000, 0.95, 105)),
  list(replicate_case(hand[[7]], "median", 1000, 0.95, 106),
       replicate_case(hand[[3]], "mean", 25, 0.99, 107))  # few resamples: extreme order statistics
)

# ---- seeded cases: indices from xoshiro128** -----------------------------------------------------
seeded_case <- function(d, statistic, B, conf, seed) {
  idx <- seeded_indices(length(d$x), B, seed)
  set.seed(1)
  b <- boot(d$x, stats[[statistic]], R = B)      # a real boot object ...
  b$t[, 1] <- apply(idx, 1, function(i) stats[[statistic]](d$x, i))  # ... holding our replicates
  e <- bca_expected(b, conf)
  c(list(name = d$name, statistic = statistic, x = arr(d$x), B = B, confidence = conf, seed = seed,
         firstResample = arr(idx[1, ] - 1), replicateHead = arr(b$t[1:5, 1])), e)
}
seeded_cases <- list(
  seeded_case(study[[1]], "mean", 10000, 0.95, 1),
  seeded_case(study[[4]], "mean", 2000, 0.95, 7),
  seeded_case(study[[5]], "median", 2000, 0.9, 2024),
  seeded_case(hand[[4]], "mean", 2000, 0.95, 0),
  seeded_case(hand[[5]], "mean", 2000, 0.99, 4294967295)
)

out <- list(
  R = R.version.string,
  boot = as.character(packageVersion("boot")),
  script = "test/stats/reference/bootstrap.R",
  rng = list(testVector1234 = arr(vector_1234), streams = rng_streams),
  replicateCases = replicate_cases,
  seededCases = seeded_cases
)
writeLines(to_json(out), file.path(script_dir, "bootstrap.json"))
cat("wrote", file.path(script_dir, "bootstrap.json"), "\n")
