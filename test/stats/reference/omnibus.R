# Reference values for the omnibus tests of k groups:
#   one-way ANOVA (summary(aov), cross-checked with oneway.test(var.equal = TRUE)),
#   Welch's ANOVA (oneway.test(var.equal = FALSE)), Kruskal-Wallis (kruskal.test).
# Usage (from anywhere): Rscript test/stats/reference/omnibus.R [YCSB-outputs folder]
# Writes omnibus.json beside this script (inputs + expected outputs, full precision).
# Needs the study data (read-only): the argument, else $YCSB_OUTPUTS, else ../shared/data beside the
# repository; the JSON makes the tests independent of it.
library(jsonlite)

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_study, full_json

# ---- the real study: [OVERALL] throughput of every exec run --------------------------------------
st <- read_study()
stopifnot(st$files == 1080)
failed <- st$failed$file
stopifnot(length(failed) == 2)          # the two failed Citus runs
study <- st$runs

# ---- the statistics in R ------------------------------------------------------------------------
omnibus <- function(groups) {
  y <- unlist(groups)
  g <- factor(rep(seq_along(groups), lengths(groups)))
  k <- length(groups)
  tab <- summary(aov(y ~ g))[[1]]
  ssB <- tab[1, "Sum Sq"]; ssW <- tab[2, "Sum Sq"]; ssT <- ssB + ssW
  msB <- tab[1, "Mean Sq"]; msW <- tab[2, "Mean Sq"]
  ow <- oneway.test(y ~ g, var.equal = TRUE)
  stopifnot(abs(ow$statistic - tab[1, "F value"]) <= 1e-10 * abs(ow$statistic))
  anova <- list(F = tab[1, "F value"], df1 = tab[1, "Df"], df2 = tab[2, "Df"], p = tab[1, "Pr(>F)"],
                ssBetween = ssB, ssWithin = ssW, ssTotal = ssT, msBetween = msB, msWithin = msW,
                etaSquared = ssB / ssT, omegaSquared = (ssB - (k - 1) * msW) / (ssT + msW))
  out <- list(anova = anova)
  if (all(lengths(groups) >= 2)) {
    w <- oneway.test(y ~ g, var.equal = FALSE)
    out$welch <- list(F = unname(w$statistic), df1 = unname(w$parameter[1]),
                      df2 = unname(w$parameter[2]), p = w$p.value)
  }
  kw <- kruskal.test(y ~ g)
  out$kruskal <- list(H = unname(kw$statistic), df = unname(kw$parameter), p = kw$p.value)
  out
}

cases <- list()
add <- function(name, groups, note = "") {
  r <- omnibus(groups)
  cases[[length(cases) + 1]] <<- c(list(name = name, note = note, groups = lapply(groups, I)), r)
}

# (a) hand vectors
add("k2-unequal-n", list(c(12.1, 14.3, 11.8, 13.5, 12.9),
                         c(15.2, 16.1, 14.8, 15.9, 16.4, 15.0, 14.9)))
add("k3-ties", list(c(3, 5, 5, 7, 8), c(5, 6, 6, 9, 10, 10), c(1, 2, 3, 3, 5)),
    "integer data, ties within and across groups (Kruskal-Wallis tie correction)")
add("k4-unequal-n-ties", list(c(2.5, 3.1, 2.5), c(4.0, 3.1, 4.4, 5.2, 4.0), c(3.3, 2.9, 3.8, 3.1),
                              c(6.1, 5.5, 4.0, 6.6, 5.9, 7.2)))
add("k3-no-difference", list(c(10.2, 9.8, 10.5, 9.9, 10.1), c(10.0, 10.3, 9.7, 10.4),
                             c(9.9, 10.1, 10.2, 9.8, 10.0, 10.3)), "large p")
add("k3-tiny-p", list(1000 + c(0.011, -0.020, 0.005, 0.016, -0.008, 0.002, -0.013, 0.009, 0.004, -0.011, 0.017, -0.002),
                      1010 + c(-0.004, 0.013, 0.021, -0.017, 0.006, -0.009, 0.001, 0.015, -0.012, 0.003, -0.007),
                      1020 + c(0.007, -0.012, 0.018, -0.003, 0.010, -0.015, 0.004, -0.006, 0.012, -0.001, 0.008, -0.014, 0.002)),
    "groups far apart with small spread: p far below 1e-100")
add("k4-extreme-p", lapply(1:4, function(g) 200 * g + 0.05 * sin(1.3 * seq_len(14 + g) + g)),
    "four groups 200 apart, spread 0.05, n = 15..18: p near 1e-300")
add("k3-large-mean-small-spread", list(5000 + c(0.31, 0.52, 0.47, 0.29, 0.40),
                                       5000 + c(0.55, 0.61, 0.48, 0.70, 0.66, 0.59),
                                       5000 + c(0.35, 0.44, 0.38, 0.51)),
    "means ~5000, spread ~0.1: cancellation check")

# (b) the real study: for each (db, workload), throughput across rf 1..3
for (db in c("cassandra", "citus", "hbase")) for (wl in c("a", "b", "c", "d")) {
  s <- study[study$db == db & study$workload == wl, ]
  groups <- lapply(split(s$throughput, s$rf), function(v) v)
  names(groups) <- NULL
  add(sprintf("study-%s-%s-rf", db, wl), groups,
      sprintf("lucas-fs study, %s workload %s, [OVERALL] Throughput(ops/sec) by rf 1..3 (failed runs with 0 dropped)", db, wl))
}
ca <- cases[[which(sapply(cases, `[[`, "name") == "study-cassandra-a-rf")]]
stopifnot(ca$welch$p > 1.5e-20, ca$welch$p < 1.7e-20)

out <- list(R = R.version.string, script = "test/stats/reference/omnibus.R",
            source = "lucas-fs/ycsb-prom-metrics @ 02726d27 YCSB-outputs/*-exec-*.txt",
            droppedFailedRuns = failed, cases = cases)
writeLines(full_json(out, pretty = TRUE), file.path(script_dir, "omnibus.json"))
cat("wrote", length(cases), "cases\n")
