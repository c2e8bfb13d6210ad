# Reference values for repetitions nested in deployments:
#   src/stats/varianceComponents.ts   ANOVA estimates from aov (MSB, MSW, n0), REML (solved here to the last
#                                     bits from the generic matrix score; cross-checked with nlme::lme and
#                                     lme4::lmer, which stop at their own tolerances), ICC
#   src/stats/nestedMeanInterval.ts   t.test(deployment means)
#   src/stats/optimalRepetitions.ts   Kalibera & Jones' optimal repetitions per deployment and the
#                                     half-widths of the neighbouring designs, from their formulas
#
# Usage (from anywhere): Rscript test/stats/reference/nested.R
# Writes nested.csv (columns config, deployment, rep, throughput: the nested data, generated here with a
# fixed seed, plus hand-made configurations) and nested.json (inputs and expected values, "%.17g";
# non-finite values as the strings "NaN", "NA", "Inf", "-Inf") beside this script.
# Packages: base R (stats), nlme and lme4 (cross-checks only).

script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
source(file.path(script_dir, "..", "..", "reference-common.R"))  # arr, to_json

# ---- the nested data ----------------------------------------------------------------------------
set.seed(20240623)
rows <- list()
put <- function(config, groups) {
  for (d in seq_along(groups)) rows[[length(rows) + 1]] <<-
    data.frame(config = config, deployment = d, rep = seq_along(groups[[d]]), throughput = groups[[d]])
}
gen <- function(sizes, mu, sb, sw) lapply(sizes, function(m) round(mu + rnorm(1, 0, sb) + rnorm(m, 0, sw), 3))
put("balanced-5x6", gen(rep(6, 5), 5000, 20, 10))
put("balanced-3x3", list(c(10.1, 10.3, 9.9), c(11.2, 11.0, 11.5), c(10.6, 10.4, 10.9)))
put("balanced-4x10-small-between", gen(rep(10, 4), 1200, 1, 15))
put("balanced-negative-anova", list(c(1, 5, 3), c(2, 4, 3.2), c(5, 1, 3)))
put("unbalanced-3-5-2-6", gen(c(3, 5, 2, 6), 800, 12, 6))
put("unbalanced-2-8-4-4-7-3", gen(c(2, 8, 4, 4, 7, 3), 31000, 400, 250))
put("unbalanced-singletons", gen(c(1, 4, 3, 1, 5), 95, 3, 1.5))
put("unbalanced-boundary", list(c(1, 5, 3), c(2, 4), c(5, 1, 3, 3.4)))
put("unbalanced-10-deployments", gen(sample(2:12, 10, replace = TRUE), 4200, 35, 40))
put("unbalanced-2-deployments", gen(c(4, 7), 60, 2, 1))
nested <- do.call(rbind, rows)
write.csv(nested, file.path(script_dir, "nested.csv"), row.names = FALSE, quote = FALSE)
nested <- read.csv(file.path(script_dir, "nested.csv"))  # what the tests read is what R used

# ---- the statistics -----------------------------------------------------------------------------
anova_r <- function(y, g) {
  tab <- summary(aov(y ~ g))[[1]]
  msb <- tab[1, "Mean Sq"]; msw <- tab[2, "Mean Sq"]
  ni <- as.vector(table(g)); N <- sum(ni); k <- length(ni)
  n0 <- (N - sum(ni^2) / N) / (k - 1)
  list(between = (msb - msw) / n0, within = msw, msBetween = msb, msWithin = msw, n0 = n0,
       dfBetween = tab[1, "Df"], dfWithin = tab[2, "Df"])
}

# REML of y = mu + a_g + e by the generic formulas: H = I + lambda Z Z', P = H^-1 - H^-1 X (X'H^-1 X)^-1 X'H^-1,
# the profiled restricted log-likelihood's score 2 l'(lambda) = (N - 1) |Z'P y|^2 / (y'P y) - tr(P Z Z'),
# solved by uniroot to the last bits (lambda = 0 when the score is <= 0 there); sigma2_w = y'P y/(N - 1).
# y is centred first (P annihilates constants) so that the quadratic forms do not cancel.
reml_r <- function(y, g) {
  ybar <- mean(y)
  y <- y - ybar
  N <- length(y); Z <- model.matrix(~ g - 1); X <- matrix(1, N, 1); ZZ <- Z %*% t(Z)
  Pof <- function(l) {
    Hi <- solve(diag(N) + l * ZZ)
    Hi - Hi %*% X %*% solve(t(X) %*% Hi %*% X) %*% t(X) %*% Hi
  }
  score <- function(l) {
    P <- Pof(l); Py <- P %*% y
    (N - 1) * sum((t(Z) %*% Py)^2) / sum(y * Py) - sum(diag(P %*% ZZ))
  }
  s0 <- score(0)
  boundary <- s0 <= 0
  lambda <- 0
  if (!boundary) {
    hi <- 1
    while (score(hi) > 0) hi <- hi * 4
    lambda <- uniroot(score, c(0, hi), f.lower = s0, tol = 1e-300, maxiter = 10000)$root
  }
  P <- Pof(lambda)
  sw <- sum(y * (P %*% y)) / (N - 1)
  Hi <- solve(diag(N) + lambda * ZZ)
  mu <- ybar + as.numeric(solve(t(X) %*% Hi %*% X, t(X) %*% Hi %*% y))  # the GLS mean
  list(between = lambda * sw, within = sw, mean = mu, boundary = boundary)
}

lme_r <- function(y, g) {
  d <- data.frame(y = y, g = g)
  fit <- tryCatch(nlme::lme(y ~ 1, random = ~ 1 | g, data = d, method = "REML"), error = function(e) NULL)
  lm4 <- suppressMessages(suppressWarnings(lme4::lmer(y ~ 1 + (1 | g), data = d, REML = TRUE)))
  v4 <- as.data.frame(lme4::VarCorr(lm4))$vcov
  out <- list(lmer = list(between = v4[1], within = v4[2], mean = unname(lme4::fixef(lm4)),
                          logLik = as.numeric(logLik(lm4))))
  if (!is.null(fit)) {
    # (VarCorr() gives them as text with 7 digits: the numbers themselves)
    out$lme <- list(between = as.numeric(nlme::getVarCov(fit)), within = fit$sigma^2,
                    mean = unname(nlme::fixef(fit)), logLik = as.numeric(logLik(fit)))
  }
  out
}

# Kalibera & Jones: r* = sqrt(c_d s2_w / (c_r s2_b)); the design k x r has Var(mean) = (s2_b + s2_w/r)/k,
# half-width qt(1 - a/2, k - 1) sqrt(Var), cost k (c_d + r c_r).
optimal_r <- function(b, w, cd, cr, k, r, conf, mu, target) {
  b <- max(0, b)
  opt <- if (w == 0) 0 else if (b == 0) Inf else sqrt(cd * w / (cr * b))
  kj <- if (is.finite(opt)) max(1, ceiling(opt)) else Inf
  reps <- kj
  if (is.finite(opt)) {
    lo <- max(1, floor(opt)); vc <- function(m) (b + w / m) * (cd + m * cr)
    reps <- if (vc(lo) <= vc(kj)) lo else kj
  }
  des <- function(kk, rr) {
    v <- (b + w / rr) / kk
    list(deployments = kk, repetitions = rr, varianceOfMean = v,
         halfWidth = qt(1 - (1 - conf) / 2, kk - 1) * sqrt(v), cost = kk * (cd + rr * cr))
  }
  cur <- des(k, r); md <- des(k + 1, r); mr <- des(k, r + 1)
  per <- function(x) (cur$halfWidth - x$halfWidth) / (x$cost - cur$cost)
  kk <- 2:100000
  hw <- qt(1 - (1 - conf) / 2, kk - 1) * sqrt((b + w / (if (is.finite(reps)) reps else r)) / kk)
  ok <- which(hw <= target * abs(mu))
  list(input = list(between = b, within = w, deploymentCost = cd, repetitionCost = cr, deployments = k,
                    repetitions = r, confidence = conf, mean = mu, targetRelativeHalfWidth = target),
       optimal = opt, kaliberaJones = kj, repetitions = reps, current = cur,
       moreDeployments = c(md, list(extraCost = md$cost - cur$cost, halfWidthReductionPerCost = per(md))),
       moreRepetitions = c(mr, list(extraCost = mr$cost - cur$cost, halfWidthReductionPerCost = per(mr))),
       shrinksMost = if (per(mr) > per(md)) "repetitions" else "deployments",
       deploymentsNeeded = if (length(ok)) kk[min(ok)] else Inf)
}

cases <- lapply(split(nested, factor(nested$config, levels = unique(nested$config))), function(d) {
  d <- d[order(d$deployment, d$rep), ]
  g <- factor(d$deployment)
  y <- d$throughput
  groups <- lapply(split(y, g), function(v) arr(v)); names(groups) <- NULL
  ni <- as.vector(table(g)); balanced <- length(unique(ni)) == 1
  an <- anova_r(y, g); re <- reml_r(y, g)
  chosen <- if (balanced) an else re
  between <- max(0, chosen$between)
  icc <- between / (between + chosen$within)
  means <- as.vector(tapply(y, g, mean))
  ti <- lapply(c(0.95, 0.9), function(cf) {
    tt <- t.test(means, conf.level = cf)
    list(confidence = cf, mean = unname(tt$estimate), lo = tt$conf.int[1], hi = tt$conf.int[2],
         df = unname(tt$parameter), halfWidth = qt(1 - (1 - cf) / 2, length(means) - 1) * tt$stderr)
  })
  k <- length(ni); r <- max(1, round(mean(ni)))
  opt <- list(optimal_r(between, chosen$within, 1500, 330, k, r, 0.95, mean(means), 0.01),
              optimal_r(between, chosen$within, 60, 600, k, r, 0.95, mean(means), 0.005),
              optimal_r(between, chosen$within, 4000, 30, k, r, 0.99, mean(means), 0.02))
  list(config = d$config[1], groups = groups, balanced = balanced, method = if (balanced) "anova" else "reml",
       anova = an, reml = re, crossCheck = lme_r(y, g), between = between, within = chosen$within, icc = icc,
       groupMeans = arr(means), tInterval = ti, optimal = opt)
})
names(cases) <- NULL

# The REML solution against lme and lmer: they agree to their tolerances (boundary cases: both near 0).
for (c in cases) {
  for (fit in c$crossCheck) {
    stopifnot(abs(fit$within - c$reml$within) <= 1e-3 * c$reml$within)
    stopifnot(abs(fit$between - c$reml$between) <= 1e-3 * (c$reml$between + c$reml$within))
  }
}
# Balanced designs with MSB >= MSW: REML = ANOVA.
for (c in cases) if (c$balanced && c$anova$between > 0) {
  stopifnot(abs(c$reml$between - c$anova$between) <= 1e-9 * c$anova$between)
  stopifnot(abs(c$reml$within - c$anova$within) <= 1e-9 * c$anova$within)
}

out <- list(R = R.version.string, nlme = as.character(packageVersion("nlme")),
            lme4 = as.character(packageVersion("lme4")), script = "test/stats/reference/nested.R",
            csv = "test/stats/reference/nested.csv", cases = cases)
writeLines(to_json(out), file.path(script_dir, "nested.json"))
cat("wrote", length(cases), "configurations to", file.path(script_dir, "nested.json"), "\n")
