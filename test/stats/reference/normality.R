# Reference values for src/stats/shapiroWilk.ts: R's shapiro.test (swilk.c, Royston 1995 AS R94).
# Run from the repository root:  Rscript test/stats/reference/normality.R
# Writes test/stats/reference/normality.json (inputs + expected outputs, full precision).
#
# Study data: YCSB_OUTPUTS (default /work/shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs);
# only the JSON is read by the tests, so they need neither R nor the data folder.

# ---- full-precision JSON writer (jsonlite caps numbers at 15 significant digits) ----------------
json_num <- function(v) {
  ifelse(is.na(v), "null",
    ifelse(is.infinite(v), ifelse(v > 0, "\"Infinity\"", "\"-Infinity\""), sprintf("%.17g", v)))
}
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    items <- vapply(x, to_json, "")
    if (!is.null(names(x))) {
      return(paste0("{", paste0("\"", names(x), "\":", items, collapse = ","), "}"))
    }
    return(paste0("[", paste(items, collapse = ","), "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  v <- if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
       else if (is.numeric(x)) json_num(as.numeric(x))
       else paste0("\"", gsub("\"", "\\\\\"", as.character(x)), "\"")
  if (as_array) paste0("[", paste(v, collapse = ","), "]") else v
}

# ---- the study: [OVERALL] throughput per run, failed runs (throughput 0) dropped ----------------
load_study <- function() {
  dir <- Sys.getenv("YCSB_OUTPUTS", "/work/shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs")
  files <- list.files(dir, pattern = "-exec-.*\\.txt$", full.names = TRUE)
  re <- "^([a-z]+)-exec-([0-9]+)-([0-9]+)-([a-z]+)-([0-9]+)-rf_([0-9]+)(-.*)?\\.txt$"
  rows <- lapply(files, function(f) {
    m <- regmatches(basename(f), regexec(re, basename(f)))[[1]]
    stopifnot(length(m) > 0)
    line <- grep("^\\[OVERALL\\], Throughput\\(ops/sec\\), ", readLines(f, warn = FALSE), value = TRUE)
    stopifnot(length(line) == 1)
    data.frame(db = m[2], workload = m[5], rep = as.integer(m[6]), rf = as.integer(m[7]),
               throughput = as.numeric(sub("^.*, ", "", line)), stringsAsFactors = FALSE)
  })
  d <- do.call(rbind, rows)
  d <- d[d$throughput > 0, ]
  d[order(d$db, d$workload, d$rf, d$rep), ]
}

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
study <- load_study()
strata <- split(study, list(study$db, study$workload, study$rf), drop = TRUE)
datasets <- c(
  lapply(names(hand), function(nm) list(name = nm, source = "hand", x = I(hand[[nm]]))),
  lapply(names(strata), function(nm) {
    s <- strata[[nm]]
    list(name = sprintf("%s/%s/rf%d", s$db[1], s$workload[1], s$rf[1]), source = "study",
         rep = I(s$rep), x = I(s$throughput))
  })
)
cases <- lapply(datasets, function(d) c(d, sw(d$x)))
errors <- list(
  list(name = "n2", x = I(c(1, 2)), error = err(c(1, 2))),
  list(name = "n5001", n = 5001, error = err(rnorm(5001))),
  list(name = "allEqual", x = I(c(4, 4, 4, 4, 4)), error = err(c(4, 4, 4, 4, 4)))
)
out <- list(R = R.version.string, generated = format(Sys.time(), "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
            script = "test/stats/reference/normality.R", cases = cases, errors = errors)
writeLines(to_json(out), "test/stats/reference/normality.json")
cat("wrote", length(cases), "cases\n")
