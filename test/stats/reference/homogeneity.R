# Reference values for src/stats/levene.ts and src/stats/brownForsythe.ts:
# car::leveneTest(y, group, center = mean) and (center = median), i.e. one-way ANOVA on
# |x - centre of its group|; base R anova(lm(abs(dev) ~ g)) is computed alongside as a check.
# Run from the repository root:  Rscript test/stats/reference/homogeneity.R
# Writes test/stats/reference/homogeneity.json (inputs + expected outputs, full precision).
#
# Study data: YCSB_OUTPUTS (default /work/shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs);
# only the JSON is read by the tests, so they need neither R nor the data folder.

suppressPackageStartupMessages(library(car))

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

lev <- function(groups, center) {
  y <- unlist(groups)
  g <- factor(rep(seq_along(groups), lengths(groups)))
  tab <- car::leveneTest(y, g, center = center)
  # base-R check: the same ANOVA written out
  cen <- tapply(y, g, center)
  dev <- abs(y - cen[g])
  a <- anova(lm(dev ~ g))
  stopifnot(isTRUE(all.equal(tab[1, "F value"], a[1, "F value"], tolerance = 1e-12)))
  list(F = tab[1, "F value"], df1 = tab[1, "Df"], df2 = tab[2, "Df"], p = tab[1, "Pr(>F)"])
}

set.seed(20240611)
hand <- list(
  twoGroupsEqualSpread = list(c(4.2, 5.1, 3.9, 4.8, 5.5, 4.4), c(6.1, 5.2, 6.8, 5.9, 6.3, 5.5)),
  threeGroupsUnequalSpread = list(c(10.1, 9.8, 10.3, 10.0, 9.9), c(8, 12, 9.5, 11, 10.5, 7.5),
                                  c(2, 18, 5, 15, 10, 25, -3)),
  unequalSizes = list(c(1.2, 2.3, 1.9), c(2.2, 3.1, 2.8, 3.9, 2.5, 3.3, 2.9, 3.0, 2.6),
                      c(5.5, 4.1, 6.2, 3.8, 7.0, 4.9)),
  singletonGroup = list(c(3), c(1, 2, 4, 7), c(2.5, 2.7, 3.1)),
  ties = list(c(1, 1, 2, 2, 2, 3), c(1, 3, 3, 3, 5, 5), c(2, 2, 2, 2, 2, 4)),
  fourGroups = list(c(20.1, 22.3, 19.8, 21.0), c(25.5, 24.1, 27.3, 26.0, 23.2),
                    c(18.0, 30.2, 24.4, 21.9), c(22.0, 22.1, 21.9, 22.05, 21.95)),
  largeOffset = list(1e9 + c(0.1, 0.4, 0.2, 0.5), 1e9 + c(1, 3, 2, 6), 1e9 + c(0.3, 0.35, 0.25, 0.3)),
  tinyP = list(round(rnorm(50, 0, 1), 6), round(rnorm(50, 0, 100), 6), round(rnorm(50, 0, 10000), 6))
)
study <- load_study()
strata <- split(study, list(study$db, study$workload), drop = TRUE)
datasets <- c(
  lapply(names(hand), function(nm) list(name = nm, source = "hand",
                                         groups = lapply(hand[[nm]], I), labels = I(seq_along(hand[[nm]])))),
  lapply(names(strata), function(nm) {
    s <- strata[[nm]]
    by_rf <- split(s, s$rf)
    list(name = sprintf("%s/%s by rf", s$db[1], s$workload[1]), source = "study",
         labels = I(as.integer(names(by_rf))),
         groups = lapply(by_rf, function(d) I(d$throughput)) |> unname())
  })
)
cases <- lapply(datasets, function(d) {
  gs <- lapply(d$groups, as.numeric)
  d$mean <- lev(gs, mean)
  d$median <- lev(gs, median)
  d
})
out <- list(R = R.version.string, car = as.character(packageVersion("car")),
            generated = format(Sys.time(), "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
            script = "test/stats/reference/homogeneity.R", cases = cases)
writeLines(to_json(out), "test/stats/reference/homogeneity.json")
cat("wrote", length(cases), "cases\n")
