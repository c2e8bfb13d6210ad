# Reference values for src/stats/levene.ts and src/stats/brownForsythe.ts:
# car::leveneTest(y, group, center = mean) and (center = median), i.e. one-way ANOVA on
# |x - centre of its group|; base R anova(lm(abs(dev) ~ g)) is computed alongside as a check.
# Usage (from anywhere): Rscript test/stats/reference/homogeneity.R [YCSB-outputs folder]
# Writes homogeneity.json beside this script (inputs + expected outputs, full precision).
#
# Study data: the argument, else $YCSB_OUTPUTS, else ../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/
# YCSB-outputs beside the repository (see ../../reference-common.R);
# only the JSON is read by the tests, so they need neither R nor the data folder.

suppressPackageStartupMessages(library(car))

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_study, to_json

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
study <- read_study()$runs
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
writeLines(to_json(out, pretty = FALSE, non_finite = "null"), file.path(script_dir, "homogeneity.json"))
cat("wrote", length(cases), "cases\n")
