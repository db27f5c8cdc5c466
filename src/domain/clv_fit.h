// Maximum likelihood for the customer-value models (domain/bgnbd.h,
// domain/gamma_gamma.h): every parameter is positive, so the search runs in
// log-parameters θ = log(p), unconstrained, with the model's analytic gradient.
//
// maximise() runs BFGS (backtracking Armijo line search, the inverse-Hessian
// update skipped when the curvature condition fails) from each start and keeps
// the start that reached the highest log-likelihood; it always returns that
// best fit with its diagnostics, converged or not. Converged means the largest
// gradient component of the mean log-likelihood per observation (in log-
// parameters) fell below 1e-7 within 1000 iterations; a search whose
// objective has not moved in 25 iterations (a parameter running off along a
// flat ridge) stops there, not converged.
//
// Standard errors come from the observed information: the Hessian of the
// total log-likelihood in log-parameters by central differences of the
// analytic gradient, inverted; SE(p) = p · SE(θ) (delta method). They are NaN
// when that Hessian is not negative definite.
#pragma once

#include <functional>
#include <vector>

namespace luckyhub::clv {

// The log-likelihood summed over the data at log-parameters θ; fills
// *gradient (dLL/dθ, one entry per parameter) when it is not null. May return
// -inf or NaN where the model is undefined: the search treats that as worse
// than anything finite.
using LogLikelihood = std::function<double(const std::vector<double>& log_params, std::vector<double>* gradient)>;

struct Fit {
  std::vector<double> params;           // natural scale, exp(θ)
  std::vector<double> standard_errors;  // natural scale
  double log_likelihood = 0;            // total, at params
  int iterations = 0;                   // of the best start
  bool converged = false;               // of the best start
  int starts = 0;                       // tried
};

// A model's fit in its own parameters (bgnbd::Params, gamma_gamma::Params),
// with the diagnostics of maximise() and how many customers it was fitted on.
template <typename Params>
struct ModelFit {
  Params params;
  Params standard_errors;
  double log_likelihood = 0;
  int iterations = 0;
  bool converged = false;
  int starts = 0;
  double customers = 0;

  // `to_params` turns maximise()'s natural-scale vector into Params.
  static ModelFit of(const Fit& f, double customers, Params (*to_params)(const std::vector<double>&)) {
    return {.params = to_params(f.params),
            .standard_errors = to_params(f.standard_errors),
            .log_likelihood = f.log_likelihood,
            .iterations = f.iterations,
            .converged = f.converged,
            .starts = f.starts,
            .customers = customers};
  }
};

// REQUIRES: starts non-empty, each the size of the parameter vector, natural
// scale (> 0); observations > 0 (the gradient test is per observation).
Fit maximise(const LogLikelihood& log_likelihood, const std::vector<std::vector<double>>& starts,
             double observations);

// ψ(x), the derivative of lgamma, for x > 0 (recurrence up to 6, then the
// asymptotic series): absolute error below 1e-13.
double digamma(double x);

}  // namespace luckyhub::clv
