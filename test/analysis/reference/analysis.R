# End-to-end reference for `analyze <dir> --group rf,workload` (db stratifies, compare = rf):
# R reads the raw YCSB files itself, independently of src/ingest, and computes every statistic the
# analysis reports per group, per stratum (db, workload) and per pair of rf levels.
#
# Usage (from anywhere): Rscript test/analysis/reference/analysis.R [YCSB-outputs folder]
# Writes analysis.json beside this script (inputs + expected outputs, full precision).
# Campaigns:
#   fixture: fixtures/campaign (a failed, a partial, a missing, a duplicate and a non-YCSB file)
#   study:   ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs beside the repository, or
#            the argument or $YCSB_OUTPUTS (read-only, not copied)
#            for throughput and read.p95.
# Reading rules (stated here so a reader can check them against src/ingest):
#   - only files named <db>-exec-<nodes>-<recordcount>-<workload>-<rep>-rf_<rf>[anything].txt count;
#     load files and other files (run-notes.txt) are not runs of the run phase;
#   - byte-identical files (same md5) are counted once (the first in R's name order is kept; the
#     pair is recorded, since another order may keep the other file of the pair);
#   - a run failed when it has no `[OVERALL], Throughput(ops/sec)` line, or that throughput is 0;
#   - throughput = `[OVERALL], Throughput(ops/sec), X`; read.p95 = `[READ], 95thPercentileLatency(us), X`.
library(jsonlite)
library(car)

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_runs, study_dir, full_json

readCampaign <- function(dir) {
  read_runs(dir, metrics = c(runtime = "[OVERALL], RunTime(ms)", read.avg = "[READ], AverageLatency(us)",
                             read.p95 = "[READ], 95thPercentileLatency(us)"), dedupe = TRUE)
}

# The exact order-statistic CI of the median (src/stats/medianConfidenceInterval.ts): the largest
# r in [1, floor((n+1)/2)] with 2 P(Bin(n, 1/2) <= r - 1) <= alpha (1 + 1e-12); none when even r = 1 fails.
medianCi <- function(x, conf = 0.95) {
  n <- length(x); alpha <- 1 - conf; lim <- alpha * (1 + 1e-12)
  if (n == 0 || 2 * pbinom(0, n, 0.5) > lim) return(c(NA_real_, NA_real_))
  r <- 1
  for (k in seq_len(floor((n + 1) / 2))) if (2 * pbinom(k - 1, n, 0.5) <= lim) r <- k
  s <- sort(x)
  c(s[r], s[n + 1 - r])
}

groupStats <- function(g, metric) {
  x <- g[[metric]]
  n <- length(x)
  out <- list(db = g$db[1], workload = g$workload[1], rf = as.character(g$rf[1]),
              key = sprintf("db=%s,rf=%s,workload=%s", g$db[1], g$rf[1], g$workload[1]),
              n = n, files = I(g$file), values = I(x),
              mean = mean(x), sd = sd(x), se = sd(x) / sqrt(n), median = median(x),
              min = min(x), max = max(x), cv = sd(x) / mean(x))
  if (n >= 2) {
    tt <- t.test(x, conf.level = 0.95)
    out$ci <- I(as.numeric(tt$conf.int))
  }
  out$medianCi <- I(medianCi(x))
  # --exclude-outliers iqr: values strictly outside the type-7 quartiles -/+ 1.5 IQR, and what is left.
  q <- quantile(x, c(0.25, 0.75), type = 7, names = FALSE)
  out_ <- x < q[1] - 1.5 * (q[2] - q[1]) | x > q[2] + 1.5 * (q[2] - q[1])
  kept <- x[!out_]
  out$withoutIqrOutliers <- list(excludedFiles = I(g$file[out_]), excludedValues = I(x[out_]),
                                 n = length(kept), mean = mean(kept), sd = sd(kept))
  if (length(kept) >= 2) out$withoutIqrOutliers$ci <- I(as.numeric(t.test(kept)$conf.int))
  if (n >= 3 && n <= 5000 && sd(x) > 0) {
    sw <- shapiro.test(x)
    out$shapiro <- list(W = unname(sw$statistic), p = sw$p.value)
  }
  out
}

stratumStats <- function(s, metric) {
  s <- s[order(s$rf, s$rep), ]
  y <- s[[metric]]
  g <- factor(s$rf, levels = sort(unique(s$rf)))
  lev <- levels(g)
  lm <- car::leveneTest(y ~ g, center = mean)
  bf <- car::leveneTest(y ~ g, center = median)
  fit <- aov(y ~ g)
  tab <- summary(fit)[[1]]
  ssb <- tab[1, "Sum Sq"]; ssw <- tab[2, "Sum Sq"]; dfb <- tab[1, "Df"]; msw <- tab[2, "Mean Sq"]
  w <- oneway.test(y ~ g, var.equal = FALSE)
  kw <- kruskal.test(y ~ g)
  tk <- TukeyHSD(fit, conf.level = 0.95)$g
  pairs <- list()
  for (i in seq_along(lev)) for (j in seq_along(lev)) if (i < j) {
    xa <- y[g == lev[i]]; xb <- y[g == lev[j]]
    tt <- t.test(xb, xa, var.equal = FALSE, conf.level = 0.95)
    row <- tk[paste0(lev[j], "-", lev[i]), ]
    wx <- suppressWarnings(wilcox.test(xb, xa))
    pairs[[length(pairs) + 1]] <- list(
      a = lev[i], b = lev[j],
      diff = mean(xb) - mean(xa), lo = tt$conf.int[1], hi = tt$conf.int[2],
      t = unname(tt$statistic), df = unname(tt$parameter), p = tt$p.value,
      tukey = list(diff = unname(row["diff"]), lo = unname(row["lwr"]), hi = unname(row["upr"]), p = unname(row["p adj"])),
      wilcoxon = list(W = unname(wx$statistic), p = wx$p.value,
                      exact = length(xa) < 50 && length(xb) < 50 && !any(duplicated(c(xa, xb)))))
  }
  adj <- p.adjust(sapply(pairs, function(p) p$p), "holm")
  for (k in seq_along(pairs)) pairs[[k]]$pHolm <- adj[k]
  list(db = s$db[1], workload = s$workload[1],
       key = sprintf("db=%s,workload=%s", s$db[1], s$workload[1]),
       levels = I(lev),
       levene = list(F = lm[1, "F value"], df1 = lm[1, "Df"], df2 = lm[2, "Df"], p = lm[1, "Pr(>F)"]),
       brownForsythe = list(F = bf[1, "F value"], df1 = bf[1, "Df"], df2 = bf[2, "Df"], p = bf[1, "Pr(>F)"]),
       anova = list(F = tab[1, "F value"], df1 = dfb, df2 = tab[2, "Df"], p = tab[1, "Pr(>F)"],
                    etaSquared = ssb / (ssb + ssw), omegaSquared = (ssb - dfb * msw) / (ssb + ssw + msw)),
       welch = list(F = unname(w$statistic), df1 = unname(w$parameter[1]), df2 = unname(w$parameter[2]), p = w$p.value),
       kruskal = list(H = unname(kw$statistic), df = unname(kw$parameter), p = kw$p.value),
       pairs = pairs)
}

analyse <- function(runs, metric) {
  ok <- runs[!runs$failed, ]
  stopifnot(!any(is.na(ok[[metric]])))
  key <- function(d) paste(d$db, d$workload, d$rf)
  groups <- lapply(split(ok, key(ok), drop = TRUE), groupStats, metric = metric)
  groups <- groups[order(sapply(groups, `[[`, "db"), sapply(groups, `[[`, "workload"), sapply(groups, `[[`, "rf"))]
  fl <- runs[runs$failed, ]
  for (nm in names(groups)) groups[[nm]]$failed <- I(fl$file[key(fl) == nm])
  strata <- lapply(split(ok, paste(ok$db, ok$workload), drop = TRUE), stratumStats, metric = metric)
  list(metric = metric, groups = unname(groups), strata = unname(strata))
}

campaign <- function(dir, label, metrics) {
  c0 <- readCampaign(dir)
  runs <- c0$runs
  list(dir = label, files = nrow(runs), duplicates = c0$duplicates,
       failed = I(runs$file[runs$failed]),
       metrics = setNames(lapply(metrics, function(m) analyse(runs, m)), metrics))
}

fixture <- campaign(file.path(repo_root, "fixtures", "campaign"), "fixtures/campaign", c("throughput"))
stopifnot(length(fixture$failed) == 2, length(fixture$duplicates) == 1)

study <- campaign(study_dir(), "shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs", c("throughput", "read.p95"))
stopifnot(study$files == 1080)
stopifnot(setequal(study$failed, c("citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt",
                                    "citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt")))
g <- Filter(function(g) g$key == "db=citus,rf=1,workload=c", study$metrics$throughput$groups)[[1]]
stopifnot(g$n == 29, length(g$failed) == 1)

writeLines(full_json(list(
  R = R.version.string,
  car = as.character(packageVersion("car")),
  script = "test/analysis/reference/analysis.R",
  confidence = 0.95,
  campaigns = list(fixture = fixture, study = study)
), pretty = TRUE, null = "null"), file.path(script_dir, "analysis.json"))
cat("wrote", file.path(script_dir, "analysis.json"), "\n")
