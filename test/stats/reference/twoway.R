# Reference values for the two-way ANOVA with type II sums of squares (unbalanced data):
#   car::Anova(lm(y ~ A * B), type = 2), cross-checked against model comparison in base R:
#   SS(A|B) = RSS(~B) - RSS(~A+B), SS(B|A) = RSS(~A) - RSS(~A+B), SS(A:B) = RSS(~A+B) - RSS(~A*B).
# A design with an empty cell is computed by model comparison only (car refuses aliased terms).
# Usage (from anywhere): Rscript test/stats/reference/twoway.R [YCSB-outputs folder] -> twoway.json
# beside this script.
library(jsonlite)
library(car)

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_study, full_json

st <- read_study()
stopifnot(st$files == 1080)
study <- st$runs                         # the two failed Citus runs (throughput 0) dropped
study$rf <- as.character(study$rf)

rssOf <- function(f, d) sum(residuals(lm(f, data = d))^2)
byComparison <- function(y, A, B) {
  d <- data.frame(y = y, A = factor(A), B = factor(B))
  fAB <- lm(y ~ A * B, data = d)
  rA <- rssOf(y ~ A, d); rB <- rssOf(y ~ B, d); rAdd <- rssOf(y ~ A + B, d); rFull <- sum(residuals(fAB)^2)
  dfRes <- df.residual(fAB)
  dfAdd <- df.residual(lm(y ~ A + B, data = d))
  ss <- c(rB - rAdd, rA - rAdd, rAdd - rFull, rFull)
  df <- c(nlevels(d$A) - 1, nlevels(d$B) - 1, dfAdd - dfRes, dfRes)
  Fv <- c((ss[1:3] / df[1:3]) / (rFull / dfRes), NA)
  p <- c(pf(Fv[1:3], df[1:3], dfRes, lower.tail = FALSE), NA)
  list(ss = ss, df = df, F = Fv, p = p)
}
byCar <- function(y, A, B) {
  d <- data.frame(y = y, A = factor(A), B = factor(B))
  t <- car::Anova(lm(y ~ A * B, data = d), type = 2)
  list(ss = t[["Sum Sq"]], df = t[["Df"]], F = t[["F value"]], p = t[["Pr(>F)"]])
}
rowsOf <- function(r) {
  terms <- c("A", "B", "A:B", "Residuals")
  lapply(1:4, function(i) list(term = terms[i], ss = r$ss[i], df = r$df[i], F = r$F[i], p = r$p[i]))
}

cases <- list()
add <- function(name, y, A, B, note = "", emptyCells = FALSE) {
  cmp <- byComparison(y, A, B)
  if (emptyCells) {
    ref <- cmp; how <- "model comparison in base R (lm, residual sums of squares)"
  } else {
    ref <- byCar(y, A, B); how <- "car::Anova(lm(y ~ A * B), type = 2)"
    # the two routes agree
    stopifnot(max(abs(ref$ss - cmp$ss) / abs(cmp$ss)) < 1e-8, all(ref$df == cmp$df))
  }
  cases[[length(cases) + 1]] <<- list(name = name, note = note, reference = how,
    y = I(y), a = I(as.character(A)), b = I(as.character(B)), rows = rowsOf(ref))
}

# (a) hand data: unbalanced 2 x 3, means in the thousands, spread ~0.1
A <- c(rep("x", 3 + 5 + 2), rep("y", 4 + 2 + 6))
B <- c(rep("p", 3), rep("q", 5), rep("r", 2), rep("p", 4), rep("q", 2), rep("r", 6))
y <- 3000 + c(0.12, 0.05, 0.21,  1.31, 1.18, 1.40, 1.27, 1.22,  2.05, 2.16,
              0.61, 0.55, 0.72, 0.49,  1.93, 2.02,  2.47, 2.61, 2.55, 2.38, 2.70, 2.52)
add("hand-2x3-unbalanced-large-mean", y, A, B, "n_ij = 3,5,2 / 4,2,6; y ~ 3000 + O(1), spread ~0.1")

# a 3 x 3 design, unbalanced, nearly additive (tiny interaction)
A <- rep(c("lo", "mid", "hi"), times = c(7, 6, 8))
B <- c("u", "u", "v", "v", "v", "w", "w",   "u", "v", "v", "w", "w", "w",   "u", "u", "u", "v", "w", "w", "w", "w")
eff <- c(lo = 0, mid = 40, hi = 95)[A] + c(u = 0, v = 12, w = -7)[B]
y <- 1500 + unname(eff) + 0.3 * sin(1:21 * 2.1)
add("hand-3x3-unbalanced-nearly-additive", y, A, B, "large main effects, interaction only from noise")

# (b) the real study: throughput ~ rf * workload within a db
for (db in c("cassandra", "hbase", "citus")) {
  s <- study[study$db == db, ]
  add(sprintf("study-%s-rf-x-workload", db), s$throughput, paste0("rf", s$rf), s$workload,
      if (db == "citus") "citus: the two failed runs (0 ops/s) dropped, so unbalanced (29 in two cells)"
      else "balanced: 30 runs per cell")
}
# unbalanced versions: deterministic removals
drop1 <- with(study, (rf == "1" & workload == "a" & rep > 20) | (rf == "2" & workload == "b" & rep %% 2 == 0) |
                     (rf == "3" & workload == "d" & rep <= 5) | (rf == "3" & workload == "c" & rep == 7))
s <- study[study$db == "cassandra" & !drop1, ]
add("study-cassandra-rf-x-workload-unbalanced", s$throughput, paste0("rf", s$rf), s$workload,
    "rf1/a reps 21-30, rf2/b even reps, rf3/d reps 1-5, rf3/c rep 7 removed")
drop2 <- with(study, (rf == "2" & rep > 12) | (workload == "c" & rep %% 3 == 0) | (rf == "1" & workload == "d" & rep > 4))
s <- study[study$db == "hbase" & !drop2, ]
add("study-hbase-rf-x-workload-unbalanced", s$throughput, paste0("rf", s$rf), s$workload,
    "rf2 reps 13-30, workload c every third rep, rf1/d reps 5-30 removed")

# (c) an empty interaction cell: cassandra without any rf3/d run
s <- study[study$db == "cassandra" & !(study$rf == "3" & study$workload == "d"), ]
add("study-cassandra-empty-cell", s$throughput, paste0("rf", s$rf), s$workload,
    "cell rf3/d empty: A:B has 5 df instead of 6", emptyCells = TRUE)

out <- list(R = R.version.string, car = as.character(packageVersion("car")),
            script = "test/stats/reference/twoway.R",
            source = "lucas-fs/ycsb-prom-metrics @ 02726d27 YCSB-outputs/*-exec-*.txt ([OVERALL] Throughput)",
            cases = cases)
writeLines(full_json(out, pretty = TRUE), file.path(script_dir, "twoway.json"))
cat("wrote", length(cases), "cases\n")
