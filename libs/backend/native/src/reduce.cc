// Reductions over one contiguous block of axes: the input is seen as [outer, reduced, inner] and
// the output as [outer, inner]. Every thread sums its own slice in a fixed order, so results are
// the same from run to run for a given thread count. Max and min propagate NaN and start from
// -Infinity/+Infinity, as tfjs's JavaScript kernels do (a NaN logit must not vanish in a max).
#include "common.h"
#include <cmath>
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
  if (inner == 1) {
#pragma omp parallel for schedule(static) if (outer * reduced >= kParallelMin)
    for (int64_t o = 0; o < outer; o++) {
      const float* row = x + o * reduced;
      double acc = init;
      for (int64_t r = 0; r < reduced; r++) {
        float v = row[r];
        if (op == kMax) acc = v > acc || std::isnan(v) ? v : acc;
        else if (op == kMin) acc = v < acc || std::isnan(v) ? v : acc;
        else acc += v;
      }
      out[o] = static_cast<float>(op == kMean ? acc / reduced : acc);
    }
    return;
  }
  // Column reductions (e.g. bias gradients: [N*H*W, C] → [C]): each thread takes a range of
  // columns and walks the rows; accumulation in double keeps long sums exact enough.
  for (int64_t o = 0; o < outer; o++) {
    const float* block = x + o * reduced * inner;
    float* dst = out + o * inner;
#pragma omp parallel if (reduced * inner >= kParallelMin)
    {
      int threads = omp_get_num_threads(), t = omp_get_thread_num();
      int64_t from = inner * t / threads, to = inner * (t + 1) / threads;
      std::vector<double> acc(static_cast<size_t>(to - from), init);
      for (int64_t r = 0; r < reduced; r++) {
        const float* row = block + r * inner;
        for (int64_t c = from; c < to; c++) {
          float v = row[c];
          double& a = acc[static_cast<size_t>(c - from)];
          if (op == kMax) a = v > a || std::isnan(v) ? v : a;
          else if (op == kMin) a = v < a || std::isnan(v) ? v : a;
          else a += v;
        }
      }
      for (int64_t c = from; c < to; c++) dst[c] = static_cast<float>(op == kMean ? acc[static_cast<size_t>(c - from)] / reduced : acc[static_cast<size_t>(c - from)]);
    }
  }
  return;
}

static Napi::Value Reduce(const Napi::CallbackInfo& info) { return guarded(info, [&] { ReduceImpl(info); }); }

void init_reduce(Napi::Env env, Napi::Object exports) { exports.Set("reduce", Napi::Function::New(env, Reduce)); }

}  // namespace ablate
