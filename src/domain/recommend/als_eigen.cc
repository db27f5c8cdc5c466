// The ALS of als.h with Eigen (the only file of the tree that includes it).
#include <cmath>
#include <random>

#include <Eigen/Dense>

#include "domain/recommend/als.h"
#include "domain/recommend/parallel.h"

namespace luckyhub::recommend {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;
using ConstRows = Eigen::Map<const Matrix>;
using Rows = Eigen::Map<Matrix>;

// The rows of `fixed` for one row of the matrix, their confidences, and
// A x = (YᵀY + λI) x + Σ (c − 1) (y·x) y.
struct NormalEquations {
  const Matrix& gram;  // YᵀY + λI
  const ConstRows& fixed;
  std::span<const int32_t> columns;
  std::span<const double> weights;
  double alpha;

  Vector apply(const Vector& x) const {
    Vector out = gram * x;
    for (size_t e = 0; e < columns.size(); ++e) {
      const auto y = fixed.row(columns[e]);
      out.noalias() += (alpha * weights[e] * y.dot(x)) * y.transpose();
    }
    return out;
  }
  Vector rhs() const {
    Vector b = Vector::Zero(gram.rows());
    for (size_t e = 0; e < columns.size(); ++e) b.noalias() += (1 + alpha * weights[e]) * fixed.row(columns[e]).transpose();
    return b;
  }
  Matrix matrix() const {
    Matrix a = gram;
    for (size_t e = 0; e < columns.size(); ++e) {
      const auto y = fixed.row(columns[e]);
      a.noalias() += (alpha * weights[e]) * y.transpose() * y;
    }
    return a;
  }
};

void conjugate_gradient(const NormalEquations& eq, Vector& x, int steps) {
  Vector r = eq.rhs() - eq.apply(x);
  Vector p = r;
  double rr = r.squaredNorm();
  for (int s = 0; s < steps && rr > 1e-20; ++s) {
    const Vector ap = eq.apply(p);
    const double step = rr / p.dot(ap);
    x.noalias() += step * p;
    r.noalias() -= step * ap;
    const double next = r.squaredNorm();
    p = r + (next / rr) * p;
    rr = next;
  }
}

}  // namespace

void Als::solve_side(const Interactions& matrix, std::span<const double> fixed_rows, std::span<double> solve_rows,
                     const AlsOptions& o) {
  const int k = o.factors;
  const ConstRows fixed(fixed_rows.data(), static_cast<Eigen::Index>(fixed_rows.size() / k), k);
  Matrix gram = fixed.transpose() * fixed;
  gram.diagonal().array() += o.regularization;
  parallel_ranges(matrix.users(), o.threads, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int32_t r = static_cast<int32_t>(row);
      const NormalEquations eq{gram, fixed, matrix.items_of(r), matrix.weights_of(r), o.alpha};
      Rows out(solve_rows.data() + row * k, 1, k);
      if (o.cg_steps <= 0) {
        out = eq.matrix().llt().solve(eq.rhs()).transpose();
      } else {
        Vector x = out.row(0).transpose();
        conjugate_gradient(eq, x, o.cg_steps);
        out = x.transpose();
      }
    }
  });
}

Als::Als(const Interactions& train, const AlsOptions& o) : factors_(o.factors), items_count_(train.items()) {
  std::mt19937_64 rng(o.seed);
  std::normal_distribution<double> start(0, 0.01);
  users_.resize(static_cast<size_t>(train.users()) * factors_);
  items_.resize(static_cast<size_t>(train.items()) * factors_);
  for (double& v : users_) v = start(rng);
  for (double& v : items_) v = start(rng);
  const Interactions by_item = train.transposed();
  for (int it = 0; it < o.iterations; ++it) {
    solve_side(train, items_, users_, o);
    solve_side(by_item, users_, items_, o);
  }
  // The loss: Σ over all cells c (p − s)², as Σ_all s² + Σ_entries [c (1 − s)² − s²].
  const int k = factors_;
  const ConstRows x(users_.data(), train.users(), k), y(items_.data(), train.items(), k);
  const Matrix xtx = x.transpose() * x, yty = y.transpose() * y;
  double loss = (xtx.cwiseProduct(yty)).sum();
  for (int32_t u = 0; u < train.users(); ++u) {
    const std::span<const int32_t> cols = train.items_of(u);
    const std::span<const double> w = train.weights_of(u);
    for (size_t e = 0; e < cols.size(); ++e) {
      const double s = x.row(u).dot(y.row(cols[e]));
      loss += (1 + o.alpha * w[e]) * (1 - s) * (1 - s) - s * s;
    }
  }
  loss_ = loss + o.regularization * (x.squaredNorm() + y.squaredNorm());
}

void Als::score(int32_t user, std::span<double> scores) const {
  const ConstRows y(items_.data(), items_count_, factors_);
  if (user < 0 || static_cast<size_t>(user) * factors_ >= users_.size()) {
    std::fill(scores.begin(), scores.end(), 0.0);
    return;
  }
  const Eigen::Map<const Vector> x(users_.data() + static_cast<size_t>(user) * factors_, factors_);
  Eigen::Map<Vector>(scores.data(), items_count_) = y * x;
}

}  // namespace luckyhub::recommend
