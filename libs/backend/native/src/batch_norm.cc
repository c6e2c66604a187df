// Batch normalisation over the last axis of a [rows, channels] view, in two passes each way
// (tfjs's op-by-op version takes about a dozen full-size passes, and batch norm is most of a
// MobileNet step). Per-channel sums are accumulated in double, per thread over a fixed range of
// rows, and combined in thread order: the same result from run to run at a given thread count.
#include "common.h"
#include <cmath>
#include <omp.h>

namespace ablate {

// Sums over rows of f(row, channel) for two quantities at once, into a[c] and b[c].
template <typename F>
static void channel_sums(int64_t rows, int64_t channels, std::vector<double>& a, std::vector<double>& b, F f) {
  int threads = rows * channels >= kParallelMin ? omp_get_max_threads() : 1;
  std::vector<double> partial(static_cast<size_t>(threads * 2 * channels), 0.0);
#pragma omp parallel num_threads(threads)
  {
    int t = omp_get_thread_num(), n = omp_get_num_threads();
    int64_t from = rows * t / n, to = rows * (t + 1) / n;
    double* pa = partial.data() + static_cast<size_t>(t * 2 * channels);
    double* pb = pa + channels;
    for (int64_t r = from; r < to; r++) f(r, pa, pb);
  }
  a.assign(static_cast<size_t>(channels), 0.0);
  b.assign(static_cast<size_t>(channels), 0.0);
  for (int t = 0; t < threads; t++) {
    const double* pa = partial.data() + static_cast<size_t>(t * 2 * channels);
    for (int64_t c = 0; c < channels; c++) a[c] += pa[c], b[c] += pa[channels + c];
  }
}

// batchNormTrain(x, gamma, beta, y, mean, variance, inv, rows, channels, epsilon):
// mean and biased variance per channel, inv = 1/sqrt(variance + epsilon), y = (x - mean) inv gamma + beta.
static void BatchNormTrainImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  const float* gamma = f32(info[1]);
  const float* beta = f32(info[2]);
  float* y = f32(info[3]);
  float* mean = f32(info[4]);
  float* variance = f32(info[5]);
  float* inv = f32(info[6]);
  int64_t rows = info[7].As<Napi::Number>().Int64Value();
  int64_t channels = info[8].As<Napi::Number>().Int64Value();
  double epsilon = info[9].As<Napi::Number>().DoubleValue();
  std::vector<double> sum, squares;
  channel_sums(rows, channels, sum, squares, [&](int64_t r, double* s, double* q) {
    const float* row = x + r * channels;
    for (int64_t c = 0; c < channels; c++) s[c] += row[c], q[c] += static_cast<double>(row[c]) * row[c];
  });
  std::vector<float> scale(static_cast<size_t>(channels)), shift(static_cast<size_t>(channels));
  for (int64_t c = 0; c < channels; c++) {
    double m = sum[c] / rows;
    double v = std::max(0.0, squares[c] / rows - m * m);
    double i = 1.0 / std::sqrt(v + epsilon);
    mean[c] = static_cast<float>(m);
    variance[c] = static_cast<float>(v);
    inv[c] = static_cast<float>(i);
    scale[c] = static_cast<float>(i * gamma[c]);
    shift[c] = static_cast<float>(beta[c] - m * i * gamma[c]);
  }
#pragma omp parallel for schedule(static) if (rows * channels >= kParallelMin)
  for (int64_t r = 0; r < rows; r++) {
    const float* in = x + r * channels;
    float* out = y + r * channels;
    for (int64_t c = 0; c < channels; c++) out[c] = in[c] * scale[c] + shift[c];
  }
}

// batchNormGrad(dy, x, mean, inv, gamma, dx, dgamma, dbeta, rows, channels), with xhat = (x - mean) inv:
// dbeta = sum dy, dgamma = sum dy xhat, dx = gamma inv / N (N dy - dbeta - xhat dgamma).
static void BatchNormGradImpl(const Napi::CallbackInfo& info) {
  const float* dy = f32(info[0]);
  const float* x = f32(info[1]);
  const float* mean = f32(info[2]);
  const float* inv = f32(info[3]);
  const float* gamma = f32(info[4]);
  float* dx = f32(info[5]);
  float* dgamma = f32(info[6]);
  float* dbeta = f32(info[7]);
  int64_t rows = info[8].As<Napi::Number>().Int64Value();
  int64_t channels = info[9].As<Napi::Number>().Int64Value();
  std::vector<double> sdy, sdyx;
  channel_sums(rows, channels, sdy, sdyx, [&](int64_t r, double* s, double* q) {
    const float* g = dy + r * channels;
    const float* in = x + r * channels;
    for (int64_t c = 0; c < channels; c++) s[c] += g[c], q[c] += static_cast<double>(g[c]) * (in[c] - mean[c]);
  });
  // dx = a dy + b x + d per channel
  std::vector<float> a(static_cast<size_t>(channels)), b(static_cast<size_t>(channels)), d(static_cast<size_t>(channels));
  for (int64_t c = 0; c < channels; c++) {
    double i = inv[c], g = gamma[c];
    double db = sdy[c], dg = sdyx[c] * i;
    dbeta[c] = static_cast<float>(db);
    dgamma[c] = static_cast<float>(dg);
    a[c] = static_cast<float>(g * i);
    b[c] = static_cast<float>(-g * i * i * dg / rows);
    d[c] = static_cast<float>(-g * i * db / rows + g * i * i * dg * mean[c] / rows);
  }
#pragma omp parallel for schedule(static) if (rows * channels >= kParallelMin)
  for (int64_t r = 0; r < rows; r++) {
    const float* g = dy + r * channels;
    const float* in = x + r * channels;
    float* out = dx + r * channels;
    for (int64_t c = 0; c < channels; c++) out[c] = a[c] * g[c] + b[c] * in[c] + d[c];
  }
}

static Napi::Value BatchNormTrain(const Napi::CallbackInfo& info) { return guarded(info, [&] { BatchNormTrainImpl(info); }); }
static Napi::Value BatchNormGrad(const Napi::CallbackInfo& info) { return guarded(info, [&] { BatchNormGradImpl(info); }); }

void init_batch_norm(Napi::Env env, Napi::Object exports) {
  exports.Set("batchNormTrain", Napi::Function::New(env, BatchNormTrain));
  exports.Set("batchNormGrad", Napi::Function::New(env, BatchNormGrad));
}

}  // namespace ablate
