# Shared by the R reference scripts in test/<area>/reference/*.R: where the repository and the study
# are, how the study's YCSB files are read, and the full-precision JSON writers.
#
# A script sets `script_dir` (its own folder, found from --file=) and then sources this file:
#   script_dir <- local({
#     f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
#     if (length(f) == 1) dirname(normalizePath(f)) else getwd()
#   })
#   source(file.path(script_dir, "..", "..", "reference-common.R"))
# so `Rscript path/to/script.R` works from any directory. Base R, plus jsonlite for full_json().

stopifnot(exists("script_dir"))
repo_root <- normalizePath(file.path(script_dir, "..", "..", ".."), mustWork = TRUE)

# The study's YCSB-outputs folder: the script's first argument, else $YCSB_OUTPUTS, else
# ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs beside the repository.
study_dir <- function() {
  args <- commandArgs(trailingOnly = TRUE)
  dir <- if (length(args) >= 1) args[1] else Sys.getenv("YCSB_OUTPUTS", file.path(
    repo_root, "..", "shared", "data", "ycsb", "lucas-fs-ycsb-prom-metrics", "YCSB-outputs"))
  normalizePath(dir, mustWork = TRUE)
}

# ---- reading YCSB run files ---------------------------------------------------------------------
# Runs of the run phase: <db>-exec-<nodes>-<recordcount>-<workload>-<rep>-rf_<rf>[anything].txt
RUN_NAME <- "^([a-z]+)-exec-([0-9]+)-([0-9]+)-([a-z])-([0-9]+)-rf_([0-9]+)(.*)\\.txt$"

# The number after the first line starting with `prefix` (e.g. "[OVERALL], Throughput(ops/sec)"),
# NA when there is none.
run_value <- function(lines, prefix) {
  v <- lines[startsWith(lines, paste0(prefix, ", "))]
  if (length(v) == 0) return(NA_real_)
  as.numeric(trimws(sub("^[^,]*,[^,]*,", "", v[1])))
}

# Every run file of `dir` (in R's name order), one row each: file, db, workload, rep, rf (integer),
# throughput and one column per entry of `metrics` (name = column, value = line prefix), plus the
# columns of extra(lines) when given. A run failed when it has no [OVERALL] throughput or it is 0.
# dedupe = TRUE counts byte-identical files (same md5) once, keeping the first in name order.
# Returns list(runs = rows ordered by db, workload, rf, rep, duplicates = list(dropped, kept)).
read_runs <- function(dir, metrics = character(0), extra = NULL, dedupe = FALSE) {
  fs <- sort(list.files(dir))
  fs <- fs[grepl(RUN_NAME, fs)]
  dropped <- list()
  if (dedupe) {
    md5 <- unname(tools::md5sum(file.path(dir, fs)))
    dup <- duplicated(md5)
    dropped <- lapply(which(dup), function(i) list(dropped = fs[i], kept = fs[match(md5[i], md5)]))
    fs <- fs[!dup]
  }
  m <- regmatches(fs, regexec(RUN_NAME, fs))
  d <- do.call(rbind, lapply(seq_along(fs), function(i) {
    L <- readLines(file.path(dir, fs[i]), warn = FALSE)
    row <- data.frame(file = fs[i], db = m[[i]][2], workload = m[[i]][5], rep = as.integer(m[[i]][6]),
                      rf = as.integer(m[[i]][7]),
                      throughput = run_value(L, "[OVERALL], Throughput(ops/sec)"),
                      stringsAsFactors = FALSE)
    for (k in names(metrics)) row[[k]] <- run_value(L, metrics[[k]])
    if (!is.null(extra)) for (k in names(e <- extra(L))) row[[k]] <- e[[k]]
    row$failed <- is.na(row$throughput) || row$throughput == 0
    row
  }))
  list(runs = d[order(d$db, d$workload, d$rf, d$rep), ], duplicates = dropped)
}

# The study (study_dir()): files = how many run files, failed = the failed runs (the two Citus runs
# with throughput 0), runs = the others, ordered by db, workload, rf, rep.
read_study <- function(dir = study_dir(), ...) {
  r <- read_runs(dir, ...)$runs
  list(files = nrow(r), failed = r[r$failed, ], runs = r[!r$failed, ])
}

# One dataset per (db, workload, rf) cell of the study, in that order: name "db/workload/rfN",
# source "study", rep and x (throughput) as arrays in rep order.
study_cells <- function(runs = read_study()$runs) {
  cells <- split(runs, list(runs$db, runs$workload, runs$rf), drop = TRUE)
  lapply(names(cells), function(nm) {
    s <- cells[[nm]]
    list(name = sprintf("%s/%s/rf%d", s$db[1], s$workload[1], s$rf[1]), source = "study",
         rep = I(s$rep), x = I(s$throughput))
  })
}

# ---- full-precision JSON ------------------------------------------------------------------------
# jsonlite writes at most 15 significant digits, so every double is written with sprintf("%.17g")
# (exact round trip).

# Marks a vector as a JSON array even when of length 1 (I(x) does the same).
arr <- function(x) structure(x, class = c("json_array", class(x)))

# Hand-written writer. A vector is an array when marked (arr() or I()) or when its length is not 1.
# pretty = TRUE: two-space indentation, ", " between array items; FALSE: no whitespace.
# non_finite = "R": NA, NaN, Inf, -Inf written as the strings "NA", "NaN", "Inf", "-Inf";
#              "null": NA and NaN as null, Inf and -Inf as the strings "Infinity", "-Infinity".
to_json <- function(x, pretty = TRUE, non_finite = c("R", "null"), indent = "") {
  non_finite <- match.arg(non_finite)
  if (is.null(x)) return("null")
  if (is.list(x)) {
    x <- unclass(x)
    inner <- paste0(indent, "  ")
    items <- vapply(seq_along(x), function(i) to_json(x[[i]], pretty, non_finite, inner), "")
    if (length(items) == 0) return("[]")
    keyed <- !is.null(names(x))
    if (keyed) items <- paste0('"', names(x), if (pretty) '": ' else '":', items)
    open <- if (keyed) "{" else "["; close <- if (keyed) "}" else "]"
    if (!pretty) return(paste0(open, paste(items, collapse = ","), close))
    return(paste0(open, "\n", paste0(inner, items, collapse = ",\n"), "\n", indent, close))
  }
  as_array <- inherits(x, "json_array") || inherits(x, "AsIs") || length(x) != 1
  x <- unclass(x)
  v <- if (is.logical(x)) {
    ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else if (is.numeric(x)) {
    v <- as.double(x)
    if (non_finite == "R") {
      ifelse(is.nan(v), '"NaN"', ifelse(is.na(v), '"NA"', ifelse(v == Inf, '"Inf"',
        ifelse(v == -Inf, '"-Inf"', sprintf("%.17g", v)))))
    } else {
      ifelse(is.na(v), "null", ifelse(is.infinite(v), ifelse(v > 0, '"Infinity"', '"-Infinity"'),
        sprintf("%.17g", v)))
    }
  } else {
    paste0('"', gsub('"', '\\\\"', gsub("\\\\", "\\\\\\\\", as.character(x))), '"')
  }
  if (as_array) paste0("[", paste(v, collapse = if (pretty) ", " else ","), "]") else v
}

# jsonlite::toJSON with every double inserted verbatim as "%.17g": numeric vectors become arrays
# (always when wrapped in I()), length-1 ones scalars; NA, NaN and +-Inf become null, or stop the
# script when infinite = "error". sep goes between array numbers; `...` goes to toJSON
# (pretty, null, ...).
full_json <- function(x, sep = ", ", infinite = c("null", "error"), ...) {
  infinite <- match.arg(infinite)
  full <- function(x) {
    if (is.list(x)) {
      r <- lapply(x, full)
      names(r) <- names(x)
      r
    } else if (is.numeric(x)) {
      v <- as.double(x)
      if (infinite == "error") stopifnot(all(is.finite(v) | is.na(v)))
      s <- ifelse(is.na(v) | !is.finite(v), "null", sprintf("%.17g", v))
      if (length(v) == 1 && !inherits(x, "AsIs")) structure(s, class = "json")
      else structure(paste0("[", paste(s, collapse = sep), "]"), class = "json")
    } else x
  }
  jsonlite::toJSON(full(x), auto_unbox = TRUE, json_verbatim = TRUE, ...)
}
