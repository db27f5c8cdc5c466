// The ALS of als.h with Eigen (the only file of the tree that includes it).
#include <algorithm>
#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include "domain/recommend/als.h"
#include "domain/recommend/parallel.h"

namespace luckyhub::recommend {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;
using ConstRows = Eigen::Map<const Matrix>;
using Rows = Eigen::Map<Matrix>;

// What every row of one half-step shares: the fixed side's columns that
// enter the solve (all of them, or all but the bias when solving users) and,
// when solving users with a bias, the items' biases as an offset of the
// target, p − b_i.
struct FixedSide {
  Matrix solved;     // fixed rows × the columns solved for
  Vector offset;     // per fixed row; empty without one
  Matrix gram;       // solvedᵀ solved
  Vector offset_all;  // solvedᵀ offset: Σ over every fixed row of b_i y_i
};

// One row's equations: A x = b with
//   A = gram + Σ_e (c_e − 1) y_e y_eᵀ + ridge I,
//   b = Σ_e c_e (1 − o_e) y_e − Σ_{other rows} o_i y_i
//     = Σ_e (c_e − (c_e − 1) o_e) y_e − offset_all.
struct NormalEquations {
  const FixedSide& side;
  std::span<const int32_t> columns;
  std::span<const double> weights;
  double alpha, ridge;

  Vector apply(const Vector& x) const {
    Vector out = side.gram * x + ridge * x;
    for (size_t e = 0; e < columns.size(); ++e) {
      const auto y = side.solved.row(columns[e]);
      out.noalias() += (alpha * weights[e] * y.dot(x)) * y.transpose();
    }
    return out;
  }
  Vector rhs() const {
    Vector b = Vector::Zero(side.gram.rows());
    const bool offset = side.offset.size() > 0;
    for (size_t e = 0; e < columns.size(); ++e) {
      const double c1 = alpha * weights[e];
      const double target = offset ? 1 + c1 - c1 * side.offset[columns[e]] : 1 + c1;
      b.noalias() += target * side.solved.row(columns[e]).transpose();
    }
    if (offset) b -= side.offset_all;
    return b;
  }
  Matrix matrix() const {
    Matrix a = side.gram;
    a.diagonal().array() += ridge;
    for (size_t e = 0; e < columns.size(); ++e) {
      const auto y = side.solved.row(columns[e]);
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

// The spectral start of als.h: the items' rows (bias first when o.item_bias).
std::vector<double> spectral_items(const Interactions& train, const AlsOptions& o) {
  const int32_t n = train.items();
  const int bias = o.item_bias ? 1 : 0, width = o.factors + bias;
  Eigen::MatrixXd together = Eigen::MatrixXd::Zero(n, n);  // users who have both
  for (int32_t u = 0; u < train.users(); ++u) {
    const std::span<const int32_t> items = train.items_of(u);
    for (int32_t i : items) {
      for (int32_t j : items) together(i, j) += 1;
    }
  }
  const double users = std::max<double>(train.users(), 1);
  const Vector share = together.diagonal() / users;
  Eigen::MatrixXd covariance = together / users;
  if (bias) covariance -= share * share.transpose();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(covariance);  // eigenvalues ascending
  std::vector<double> rows(static_cast<size_t>(n) * width, 0.0);
  for (int32_t i = 0; i < n; ++i) {
    if (bias) rows[static_cast<size_t>(i) * width] = share(i);
    for (int f = 0; f < o.factors && f < n; ++f) {
      rows[static_cast<size_t>(i) * width + bias + f] = eigen.eigenvectors()(i, n - 1 - f);
    }
  }
  return rows;
}

double ridge_of(const AlsOptions& o, size_t entries) {
  return o.count_regularization ? o.regularization * static_cast<double>(std::max<size_t>(entries, 1))
                                : o.regularization;
}

}  // namespace

void Als::solve_side(const Interactions& matrix, std::span<const double> fixed_rows, std::span<double> solve_rows,
                     const AlsOptions& o, Side side) {
  const int bias = o.item_bias ? 1 : 0;
  const int width = o.factors + bias;
  // Solving users with a bias: their first column stays 1, the items' first
  // column (the bias) becomes the offset.
  const int skip = side == Side::kUsers ? bias : 0;
  const ConstRows fixed(fixed_rows.data(), static_cast<Eigen::Index>(fixed_rows.size() / width), width);
  FixedSide f{.solved = fixed.rightCols(width - skip)};
  if (skip) {
    f.offset = fixed.col(0);
    f.offset_all = f.solved.transpose() * f.offset;
  }
  f.gram = f.solved.transpose() * f.solved;
  parallel_ranges(matrix.users(), o.threads, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int32_t r = static_cast<int32_t>(row);
      const std::span<const int32_t> columns = matrix.items_of(r);
      const NormalEquations eq{f, columns, matrix.weights_of(r), o.alpha, ridge_of(o, columns.size())};
      Rows out(solve_rows.data() + row * width + skip, 1, width - skip);
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

Als::Als(const Interactions& train, const AlsOptions& o)
    : factors_(o.factors), bias_(o.item_bias ? 1 : 0), width_(o.factors + bias_), items_count_(train.items()) {
  users_.assign(static_cast<size_t>(train.users()) * width_, 0.0);
  if (bias_) {
    for (size_t u = 0; u < users_.size(); u += width_) users_[u] = 1;
  }
  items_ = spectral_items(train, o);
  const Interactions by_item = train.transposed();
  for (int it = 0; it < o.iterations; ++it) {
    solve_side(train, items_, users_, o, Side::kUsers);
    solve_side(by_item, users_, items_, o, Side::kItems);
  }
  // The loss: Σ over all cells c (p − s)², as Σ_all s² + Σ_entries [c (1 − s)² − s²].
  const int k = width_;
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
    loss += ridge_of(o, cols.size()) * x.row(u).tail(factors_).squaredNorm();
  }
  for (int32_t i = 0; i < train.items(); ++i) loss += ridge_of(o, by_item.items_of(i).size()) * y.row(i).squaredNorm();
  loss_ = loss;
}

void Als::score(int32_t user, std::span<double> scores) const {
  const ConstRows y(items_.data(), items_count_, width_);
  if (user < 0 || static_cast<size_t>(user) * width_ >= users_.size()) {  // no factors: the biases alone
    for (int32_t i = 0; i < items_count_; ++i) scores[i] = item_bias(i);
    return;
  }
  const Eigen::Map<const Vector> x(users_.data() + static_cast<size_t>(user) * width_, width_);
  Eigen::Map<Vector>(scores.data(), items_count_) = y * x;
}

}  // namespace luckyhub::recommend
