# Reference values for the pairwise comparisons, effect sizes and power in src/stats/
# (the minimum detectable difference: mde.R).
# Usage (from anywhere): Rscript test/stats/reference/pairwise.R [YCSB-outputs folder]
# Writes pairwise.json beside this script (inputs + expected outputs; NaN/NA written as null).
# Needs only base R + jsonlite, and reads the real study (the argument, else $YCSB_OUTPUTS, else
# ../shared/data beside the repository) only while generating: the JSON is self-contained.
suppressPackageStartupMessages(library(jsonlite))

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # read_study, full_json
out_path <- file.path(script_dir, "pairwise.json")

# ---------------------------------------------------------------------------------------------
# Reference implementations in base R
# ---------------------------------------------------------------------------------------------

welch <- function(x, y, conf = 0.95) {
  r <- t.test(x, y, conf.level = conf)   # Welch is the default (var.equal = FALSE)
  list(x = x, y = y, confidence = conf,
       t = unname(r$statistic), df = unname(r$parameter), p = r$p.value,
       meanDiff = mean(x) - mean(y), lo = r$conf.int[1], hi = r$conf.int[2],
       se = r$stderr)
}

# Pairs in TukeyHSD order: for i < j, "label_j-label_i" and diff = mean_j - mean_i.
pair_index <- function(k) {
  ij <- list()
  for (i in 1:(k - 1)) for (j in (i + 1):k) ij[[length(ij) + 1]] <- c(i, j)
  ij
}

# Games-Howell as PMCMRplus::gamesHowellTest (p) and rstatix::games_howell_test (interval):
# q = |diff| / sqrt((s_i^2/n_i + s_j^2/n_j) / 2), Welch df, p = ptukey(q, k, df, lower = FALSE),
# interval diff -/+ qtukey(conf, k, df) * sqrt((s_i^2/n_i + s_j^2/n_j) / 2).
games_howell <- function(groups, labels, conf = 0.95) {
  k <- length(groups)
  n <- sapply(groups, length); m <- sapply(groups, mean); v <- sapply(groups, var)
  lapply(pair_index(k), function(ij) {
    i <- ij[1]; j <- ij[2]
    A <- v[i] / n[i] + v[j] / n[j]
    diff <- m[j] - m[i]
    df <- A^2 / ((v[i] / n[i])^2 / (n[i] - 1) + (v[j] / n[j])^2 / (n[j] - 1))
    q <- abs(diff) / sqrt(A / 2)
    crit <- qtukey(conf, k, df)
    list(pair = paste0(labels[j], "-", labels[i]), diff = diff,
         lo = diff - crit * sqrt(A / 2), hi = diff + crit * sqrt(A / 2),
         t = diff / sqrt(A), q = q, df = df,
         p = ptukey(q, k, df, lower.tail = FALSE), crit = crit)
  })
}

tukey <- function(groups, labels, conf = 0.95) {
  y <- unlist(groups)
  g <- factor(rep(labels, sapply(groups, length)), levels = labels)
  fit <- aov(y ~ g)
  tk <- TukeyHSD(fit, conf.level = conf)$g
  k <- length(groups)
  crit <- qtukey(conf, k, fit$df.residual)
  lapply(seq_len(nrow(tk)), function(r) list(pair = rownames(tk)[r], diff = tk[r, "diff"],
    lo = tk[r, "lwr"], hi = tk[r, "upr"], p = tk[r, "p adj"], df = fit$df.residual,
    crit = crit))
}

wilcox <- function(x, y) {
  r <- wilcox.test(x, y)
  list(x = x, y = y, W = unname(r$statistic), p = r$p.value,
       method = if (grepl("exact", r$method)) "exact" else "normal")
}

# Noncentral-t root: the ncp with pt(t, df, ncp) = prob (pt is decreasing in ncp).
ncp_root <- function(t, df, prob) {
  f <- function(ncp) pt(t, df, ncp) - prob
  w <- max(10, abs(t))
  uniroot(f, c(t - w, t + w), tol = 1e-14, extendInt = "downX", maxiter = 10000)$root
}

# Hedges' g = J(df) * (mean x - mean y) / pooled sd, J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))
# (exact gamma form), df = nx + ny - 2. Interval: invert the noncentral t at t = d / sqrt(1/nx + 1/ny)
# (as effectsize / MBESS), then scale the ncp bounds by sqrt(1/nx + 1/ny) and J.
hedges <- function(x, y, conf = 0.95) {
  nx <- length(x); ny <- length(y); df <- nx + ny - 2
  sp <- sqrt(((nx - 1) * var(x) + (ny - 1) * var(y)) / df)
  d <- (mean(x) - mean(y)) / sp
  J <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
  h <- sqrt(1 / nx + 1 / ny)
  t <- d / h
  a <- 1 - conf
  lo <- ncp_root(t, df, 1 - a / 2); hi <- ncp_root(t, df, a / 2)
  list(x = x, y = y, confidence = conf, d = d, J = J, g = d * J, lo = lo * h * J, hi = hi * h * J)
}

# Percent change of mean y relative to mean x: 100 (my/mx - 1). Interval: Fieller's theorem for
# the ratio rho = my/mx of independent means, t quantile with Welch-Satterthwaite df for the pivot
# my - rho mx evaluated at rho = estimate (Tamhane & Logan 2004; mratios::ttestratio, var.equal = FALSE).
pct_change <- function(x, y, conf = 0.95) {
  nx <- length(x); ny <- length(y); mx <- mean(x); my <- mean(y)
  a <- var(x) / nx; b <- var(y) / ny
  r <- my / mx
  df <- (b + r^2 * a)^2 / (b^2 / (ny - 1) + (r^2 * a)^2 / (nx - 1))
  tq <- qt(1 - (1 - conf) / 2, df)
  A <- mx^2 - tq^2 * a
  disc <- mx^2 * b + my^2 * a - tq^2 * a * b
  lo <- (mx * my - tq * sqrt(disc)) / A; hi <- (mx * my + tq * sqrt(disc)) / A
  list(x = x, y = y, confidence = conf, pct = 100 * (r - 1), ratio = r, df = df,
       lo = 100 * (lo - 1), hi = 100 * (hi - 1))
}

power_n <- function(delta, sd, power = 0.8, alpha = 0.05) {
  precise <- power.t.test(delta = delta, sd = sd, power = power, sig.level = alpha, tol = 1e-12)$n
  default <- power.t.test(delta = delta, sd = sd, power = power, sig.level = alpha)$n
  list(delta = delta, sd = sd, power = power, alpha = alpha, n = precise, nDefaultTol = default,
       ceiling = ceiling(default),
       achieved = power.t.test(n = precise, delta = delta, sd = sd, sig.level = alpha)$power)
}

# ---------------------------------------------------------------------------------------------
# (a) hand vectors
# ---------------------------------------------------------------------------------------------
set.seed(20240611)
hx <- list(
  small      = list(x = c(4.1, 5.3, 6.2), y = c(7.9, 8.4, 9.6, 10.2)),
  ties       = list(x = c(1, 2, 2, 3, 3, 3, 5), y = c(2, 3, 4, 4, 5, 6, 6, 7)),
  equalVar   = list(x = c(10.2, 11.5, 9.8, 10.9, 12.1, 10.4, 11.0, 9.5),
                    y = c(11.9, 12.4, 10.8, 13.1, 12.0, 11.6, 12.8, 11.2)),
  unequalVar = list(x = c(100.1, 100.3, 99.8, 100.0, 100.2, 99.9),
                    y = c(80, 130, 95, 150, 60, 120, 105, 140, 70, 115)),
  tiny       = list(x = 1000 + (1:20) / 10, y = 2000 + ((1:25) %% 7) / 10),
  exact49    = list(x = round(rnorm(40, 50, 5), 6), y = round(rnorm(45, 53, 6), 6)),
  normal60   = list(x = round(rnorm(60, 10, 2), 6), y = round(rnorm(55, 11, 2), 6)),
  negative   = list(x = c(-3.2, -1.1, 0.4, -2.7, -0.5), y = c(-8.1, -6.3, -7.7, -9.0, -5.9, -6.6))
)

welch_cases <- lapply(names(hx), function(nm) c(list(name = nm), welch(hx[[nm]]$x, hx[[nm]]$y)))
welch_cases[[length(welch_cases) + 1]] <- c(list(name = "small90"),
  welch(hx$small$x, hx$small$y, 0.9))
constant_cases <- list(
  list(name = "bothConstant", x = c(5, 5, 5), y = c(7, 7, 7, 7),
       error = tryCatch({t.test(c(5, 5, 5), c(7, 7, 7, 7)); ""}, error = conditionMessage)),
  list(name = "sameConstant", x = c(3, 3), y = c(3, 3, 3),
       error = tryCatch({t.test(c(3, 3), c(3, 3, 3)); ""}, error = conditionMessage))
)

padj_inputs <- list(
  c(0.01, 0.02, 0.03, 0.04, 0.05),
  c(0.5, 0.001, 0.2, 0.001, 0.04, 0.9, 0.03),
  c(0.04, NaN, 0.01, NA, 0.2, 0.03),
  c(1e-40, 3e-35, 0.5, 2e-300, 0.01),
  c(0.3),
  c(0.8, 0.9, 0.7)
)
padj_cases <- lapply(padj_inputs, function(p) list(p = I(p),
  holm = I(p.adjust(p, "holm")), bonferroni = I(p.adjust(p, "bonferroni")), BH = I(p.adjust(p, "BH"))))

wilcox_cases <- lapply(names(hx), function(nm) c(list(name = nm), wilcox(hx[[nm]]$x, hx[[nm]]$y)))

hedges_cases <- lapply(names(hx), function(nm) c(list(name = nm), hedges(hx[[nm]]$x, hx[[nm]]$y)))
hedges_cases[[length(hedges_cases) + 1]] <- c(list(name = "equalVar90"),
  hedges(hx$equalVar$x, hx$equalVar$y, 0.9))

pct_cases <- lapply(names(hx)[names(hx) != "negative"], function(nm)
  c(list(name = nm), pct_change(hx[[nm]]$x, hx[[nm]]$y)))
pct_cases[[length(pct_cases) + 1]] <- c(list(name = "equalVar99"),
  pct_change(hx$equalVar$x, hx$equalVar$y, 0.99))

power_n_cases <- list(
  power_n(1, 1), power_n(0.5, 1), power_n(100, 30, 0.9), power_n(2, 1, 0.8, 0.01),
  power_n(0.2, 1, 0.95), power_n(3, 1.5, 0.8), power_n(12.5, 40, 0.8),
  power_n(10, 1)  # root below n = 2: uniroot extends the interval downwards (extendInt = "upX")
)

pnt_grid <- expand.grid(t = c(-3, -0.5, 0, 0.7, 1.96, 4, 12), df = c(2.5, 10, 37.3, 300),
                        ncp = c(-2, 0.5, 1, 3, 8, 39))
pnt_cases <- lapply(seq_len(nrow(pnt_grid)), function(r) {
  a <- pnt_grid[r, ]
  list(t = a$t, df = a$df, ncp = a$ncp, lower = pt(a$t, a$df, a$ncp),
       upper = pt(a$t, a$df, a$ncp, lower.tail = FALSE))
})

gh_groups <- list(
  list(name = "threeUnequal", labels = c("A", "B", "C"),
       groups = list(c(4.1, 5.3, 6.2, 5.0), c(7.9, 8.4, 9.6, 10.2, 8.8),
                     c(5.5, 12.0, 3.1, 9.9, 7.7, 6.4))),
  list(name = "fourGroups", labels = c("g1", "g2", "g3", "g4"),
       groups = list(hx$equalVar$x, hx$equalVar$y, hx$unequalVar$x, c(10.5, 10.9, 11.3, 9.7, 10.0))),
  list(name = "twoGroups", labels = c("lo", "hi"), groups = list(hx$small$x, hx$small$y)),
  list(name = "decreasing", labels = c("x", "y", "z"),
       groups = list(c(30.2, 31.5, 29.9, 30.8), c(20.1, 22.3, 21.7, 19.8, 20.9), c(10.4, 9.1, 11.8)))
)
gh_cases <- lapply(gh_groups, function(G) c(G, list(confidence = 0.95,
  gamesHowell = games_howell(G$groups, G$labels), tukey = tukey(G$groups, G$labels))))
gh_cases[[length(gh_cases) + 1]] <- c(gh_groups[[1]][c("labels", "groups")],
  list(name = "threeUnequal90", confidence = 0.9,
       gamesHowell = games_howell(gh_groups[[1]]$groups, gh_groups[[1]]$labels, 0.9),
       tukey = tukey(gh_groups[[1]]$groups, gh_groups[[1]]$labels, 0.9)))

qtukey_grid <- expand.grid(p = c(0.9, 0.95, 0.99), nmeans = c(2, 3, 5), df = c(5, 12.7, 57, 200))
qtukey_cases <- lapply(seq_len(nrow(qtukey_grid)), function(r) {
  a <- qtukey_grid[r, ]
  list(p = a$p, nmeans = a$nmeans, df = a$df, q = qtukey(a$p, a$nmeans, a$df))
})

ptukey_grid <- expand.grid(q = c(0.3, 1.2, 3.5, 6, 9), nmeans = c(2, 3, 5),
                           df = c(2.5, 20, 57.3, 150, 1000, 30000))
ptukey_cases <- lapply(seq_len(nrow(ptukey_grid)), function(r) {
  a <- ptukey_grid[r, ]
  list(q = a$q, nmeans = a$nmeans, df = a$df, lower = ptukey(a$q, a$nmeans, a$df),
       upper = ptukey(a$q, a$nmeans, a$df, lower.tail = FALSE))
})

# ---------------------------------------------------------------------------------------------
# (b) the real study: throughput by (db, workload), rf 1 vs 2 vs 3
# ---------------------------------------------------------------------------------------------
st <- read_study()
n_files <- st$files
dropped <- st$failed[, c("db", "workload", "rep", "rf")]
runs <- st$runs

strata <- list()
for (db in sort(unique(runs$db))) for (wl in sort(unique(runs$workload))) {
  s <- runs[runs$db == db & runs$workload == wl, ]
  labels <- paste0("rf", 1:3)
  groups <- lapply(1:3, function(rf) s$throughput[s$rf == rf])
  w <- lapply(pair_index(3), function(ij) {
    r <- welch(groups[[ij[1]]], groups[[ij[2]]])
    r$x <- NULL; r$y <- NULL
    c(list(pair = paste0(labels[ij[2]], "-", labels[ij[1]]), i = ij[1], j = ij[2]), r)
  })
  holm <- p.adjust(sapply(w, function(e) e$p), "holm")
  extras <- lapply(pair_index(3), function(ij) {
    x <- groups[[ij[1]]]; y <- groups[[ij[2]]]
    wx <- wilcox(x, y); hg <- hedges(x, y); pc <- pct_change(x, y)
    list(pair = paste0(labels[ij[2]], "-", labels[ij[1]]),
         wilcoxon = list(W = wx$W, p = wx$p, method = wx$method),
         hedges = list(g = hg$g, lo = hg$lo, hi = hg$hi),
         percentChange = list(pct = pc$pct, lo = pc$lo, hi = pc$hi))
  })
  strata[[length(strata) + 1]] <- list(db = db, workload = wl, labels = labels,
    reps = lapply(1:3, function(rf) s$rep[s$rf == rf]), groups = groups,
    welch = w, welchHolm = holm,
    gamesHowell = games_howell(groups, labels), tukey = tukey(groups, labels), extras = extras)
}

res <- list(
  R = R.version.string,
  generated = "Rscript test/stats/reference/pairwise.R",
  study = list(files = n_files, dropped = lapply(seq_len(nrow(dropped)), function(r) as.list(dropped[r, ]))),
  welch = welch_cases, welchConstant = constant_cases, pAdjust = padj_cases,
  wilcoxon = wilcox_cases, hedges = hedges_cases, percentChange = pct_cases,
  powerTTestN = power_n_cases, pnt = pnt_cases,
  multiple = gh_cases, qtukey = qtukey_cases, ptukey = ptukey_cases, strata = strata
)
json <- full_json(res, sep = ",", infinite = "error", pretty = FALSE)
# Round-trip check: every number survives the text form exactly.
back <- fromJSON(json, simplifyVector = FALSE)
stopifnot(identical(unlist(back$strata[[1]]$groups[[1]]), strata[[1]]$groups[[1]]))
stopifnot(identical(back$pnt[[5]]$upper, pnt_cases[[5]]$upper))
stopifnot(identical(back$strata[[3]]$tukey[[2]]$p, strata[[3]]$tukey[[2]]$p))
writeLines(json, out_path)
cat("wrote", out_path, "with", length(strata), "strata from", n_files, "files\n")
