// Reductions over one contiguous block of axes: the input is seen as [outer, reduced, inner] and
// the output as [outer, inner]. Every thread sums its own slice in a fixed order, so results are
// the same from run to run for a given thread count. Max and min propagate NaN and start from
// -Infinity/+Infinity, as tfjs's JavaScript kernels do (a NaN logit must not vanish in a max).
#include "common.h"
#include <algorithm>
#include <cmath>
#include <vector>
#include <omp.h>

namespace ablate {

enum Reduction { kSum, kMax, kMin, kMean };

// reduce(op, x, out, outer, reduced, inner)
static void ReduceImpl(const Napi::CallbackInfo& info) {
  int op = info[0].As<Napi::Number>().Int32Value();
  const float* x = f32(info[1]);
  float* out = f32(info[2]);
  int64_t outer = info[3].As<Napi::Number>().Int64Value();
  int64_t reduced = info[4].As<Napi::Number>().Int64Value();
  int64_t inner = info[5].As<Napi::Number>().Int64Value();
  double init = op == kMax ? -INFINITY : (op == kMin ? INFINITY : 0.0);
  auto fold = [op](double a, double v) {
    if (op == kMax) return v > a || std::isnan(v) ? v : a;
    if (op == kMin) return v < a || std::isnan(v) ? v : a;
    return a + v;
  };
  if (inner == 1) {
#pragma omp parallel for schedule(static) if (outer * reduced >= kParallelMin)
    for (int64_t o = 0; o < outer; o++) {
      const float* row = x + o * reduced;
      double acc = init;
      for (int64_t r = 0; r < reduced; r++) acc = fold(acc, row[r]);
      out[o] = static_cast<float>(op == kMean ? acc / reduced : acc);
    }
    return;
  }
  // Column reductions (e.g. bias gradients: [N*H*W, C] → [C]). Each thread takes a contiguous
  // range of rows and accumulates every column in its own accumulators, which are then combined
  // in thread order: the same result from run to run for a given thread count, and each thread
  // streams its rows once (columns split across threads made each read the whole input, and a
  // thread with few columns waited on one running sum: a [57600, 6] bias gradient took ~0.2 ms).
  // Accumulation in double keeps long sums exact enough.
  int parts = reduced * inner >= kParallelMin ? std::min<int>(omp_get_max_threads(), static_cast<int>(reduced)) : 1;
  std::vector<double> partial(static_cast<size_t>(parts * inner));
  for (int64_t o = 0; o < outer; o++) {
    const float* block = x + o * reduced * inner;
    float* dst = out + o * inner;
#pragma omp parallel for schedule(static, 1) num_threads(parts) if (parts > 1)
    for (int part = 0; part < parts; part++) {
      // the thread's own accumulators (not in `partial` directly: threads writing neighbouring
      // doubles would share cache lines), on the stack for up to 64 columns
      double stack[64];
      std::vector<double> heap;
      double* acc = inner <= 64 ? stack : (heap.resize(static_cast<size_t>(inner)), heap.data());
      std::fill(acc, acc + inner, init);
      int64_t from = reduced * part / parts, to = reduced * (part + 1) / parts;
      if (op == kSum || op == kMean) {
        for (int64_t r = from; r < to; r++) {
          const float* row = block + r * inner;
          for (int64_t c = 0; c < inner; c++) acc[c] += row[c];
        }
      } else {
        for (int64_t r = from; r < to; r++) {
          const float* row = block + r * inner;
          for (int64_t c = 0; c < inner; c++) acc[c] = fold(acc[c], row[c]);
        }
      }
      std::copy(acc, acc + inner, partial.begin() + static_cast<std::ptrdiff_t>(part) * inner);
    }
    for (int64_t c = 0; c < inner; c++) {
      double a = partial[static_cast<size_t>(c)];
      for (int part = 1; part < parts; part++) a = fold(a, partial[static_cast<size_t>(part * inner + c)]);
      dst[c] = static_cast<float>(op == kMean ? a / reduced : a);
    }
  }
  return;
}

static Napi::Value Reduce(const Napi::CallbackInfo& info) { return guarded(info, [&] { ReduceImpl(info); }); }

void init_reduce(Napi::Env env, Napi::Object exports) { exports.Set("reduce", Napi::Function::New(env, Reduce)); }

}  // namespace ablate
