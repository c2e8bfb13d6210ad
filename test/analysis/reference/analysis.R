# End-to-end reference for `analyze <dir> --group rf,workload` (db stratifies, compare = rf):
# R reads the raw YCSB files itself, independently of src/ingest, and computes every statistic the
# analysis reports per group, per stratum (db, workload) and per pair of rf levels.
#
# Run from the repository root:  Rscript test/analysis/reference/analysis.R
# Writes test/analysis/reference/analysis.json (inputs + expected outputs, full precision).
# Campaigns:
#   fixture: fixtures/campaign (a failed, a partial, a missing, a duplicate and a non-YCSB file)
#   study:   /work/shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs (read-only, not copied)
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

# jsonlite writes at most 15 significant digits; write every double with 17 ("%.17g", exact round
# trip) and insert it verbatim. Numeric vectors wrapped in I() are always arrays.
full <- function(x) {
  if (is.list(x)) {
    r <- lapply(x, full)
    names(r) <- names(x)
    r
  } else if (is.numeric(x)) {
    v <- as.double(x)
    s <- ifelse(is.na(v) | !is.finite(v), "null", sprintf("%.17g", v))
    if (length(v) == 1 && !inherits(x, "AsIs")) structure(s, class = "json")
    else structure(paste0("[", paste(s, collapse = ", "), "]"), class = "json")
  } else x
}
writeFull <- function(x, path) {
  writeLines(toJSON(full(x), auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE, null = "null"), path)
}

NAME <- "^([a-z]+)-exec-([0-9]+)-([0-9]+)-([a-z])-([0-9]+)-rf_([0-9]+)(.*)\\.txt$"

valueOf <- function(L, pattern) {
  v <- grep(pattern, L, value = TRUE)
  if (length(v) == 0) return(NA_real_)
  as.numeric(trimws(sub("^[^,]*,[^,]*,", "", v[1])))
}

readCampaign <- function(dir) {
  fs <- sort(list.files(dir))
  fs <- fs[grepl(NAME, fs)]
  md5 <- unname(tools::md5sum(file.path(dir, fs)))
  dup <- duplicated(md5)
  dropped <- lapply(which(dup), function(i) list(dropped = fs[i], kept = fs[match(md5[i], md5)]))
  fs <- fs[!dup]
  m <- regmatches(fs, regexec(NAME, fs))
  d <- do.call(rbind, lapply(seq_along(fs), function(i) {
    L <- readLines(file.path(dir, fs[i]), warn = FALSE)
    th <- valueOf(L, "^\\[OVERALL\\], Throughput\\(ops/sec\\), ")
    data.frame(file = fs[i], db = m[[i]][2], workload = m[[i]][5], rep = as.integer(m[[i]][6]),
               rf = as.integer(m[[i]][7]),
               throughput = th,
               runtime = valueOf(L, "^\\[OVERALL\\], RunTime\\(ms\\), "),
               read.avg = valueOf(L, "^\\[READ\\], AverageLatency\\(us\\), "),
               read.p95 = valueOf(L, "^\\[READ\\], 95thPercentileLatency\\(us\\), "),
               failed = is.na(th) || th == 0,
               stringsAsFactors = FALSE)
  }))
  list(runs = d[order(d$db, d$workload, d$rf, d$rep), ], duplicates = dropped)
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

fixture <- campaign("fixtures/campaign", "fixtures/campaign", c("throughput"))
stopifnot(length(fixture$failed) == 2, length(fixture$duplicates) == 1)

studyDir <- "/work/shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs"
study <- campaign(studyDir, "shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs", c("throughput", "read.p95"))
stopifnot(study$files == 1080)
stopifnot(setequal(study$failed, c("citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt",
                                    "citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt")))
g <- Filter(function(g) g$key == "db=citus,rf=1,workload=c", study$metrics$throughput$groups)[[1]]
stopifnot(g$n == 29, length(g$failed) == 1)

writeFull(list(
  R = R.version.string,
  car = as.character(packageVersion("car")),
  script = "test/analysis/reference/analysis.R",
  confidence = 0.95,
  campaigns = list(fixture = fixture, study = study)
), "test/analysis/reference/analysis.json")
cat("wrote test/analysis/reference/analysis.json\n")
