// Max and average pooling, forward and backward, 2-D (NHWC) and 3-D (NDHWC) as one 3-D loop (a
// 2-D pool is a 3-D pool of depth 1), with tfjs's semantics: padding never wins a max, and an
// average divides by the number of in-bounds values. Backward recomputes the max's position
// (the first maximum, as tfjs) and parallelises over the batch, where writes cannot collide.
#include "common.h"
#include <cfloat>
#include <climits>
#include <cmath>
#include <omp.h>
#include <stdexcept>
#include <vector>

namespace ablate {

struct PoolGeometry {
  int64_t n, c;
  int64_t in[3], out[3], k[3], s[3], pad[3];
};

// [n, d, h, w, c] shapes (2-D callers pass d = 1), window, strides, front/top/left padding.
static PoolGeometry pool_geometry(const Napi::CallbackInfo& info, int first) {
  Shape x = shape(info[first]), y = shape(info[first + 1]), k = shape(info[first + 2]), s = shape(info[first + 3]), p = shape(info[first + 4]);
  PoolGeometry g{x[0], x[4], {x[1], x[2], x[3]}, {y[1], y[2], y[3]}, {k[0], k[1], k[2]}, {s[0], s[1], s[2]}, {p[0], p[1], p[2]}};
  return g;
}

template <typename Visit>
static void window(const PoolGeometry& g, int64_t od, int64_t oh, int64_t ow, Visit visit) {
  for (int64_t kd = 0; kd < g.k[0]; kd++) {
    int64_t d = od * g.s[0] - g.pad[0] + kd;
    if (d < 0 || d >= g.in[0]) continue;
    for (int64_t kh = 0; kh < g.k[1]; kh++) {
      int64_t h = oh * g.s[1] - g.pad[1] + kh;
      if (h < 0 || h >= g.in[1]) continue;
      for (int64_t kw = 0; kw < g.k[2]; kw++) {
        int64_t w = ow * g.s[2] - g.pad[2] + kw;
        if (w < 0 || w >= g.in[2]) continue;
        visit(((d * g.in[1] + h) * g.in[2] + w) * g.c);
      }
    }
  }
}

// pool(x, out, max, xShape, outShape, window, strides, pad)
static void PoolImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  float* y = f32(info[1]);
  bool is_max = info[2].As<Napi::Boolean>().Value();
  PoolGeometry g = pool_geometry(info, 3);
  int64_t in_size = g.in[0] * g.in[1] * g.in[2] * g.c;
  int64_t out_cells = g.out[0] * g.out[1] * g.out[2];
#pragma omp parallel for schedule(static) collapse(2) if (g.n * out_cells * g.c >= kParallelMin)
  for (int64_t b = 0; b < g.n; b++) {
    for (int64_t cell = 0; cell < out_cells; cell++) {
      int64_t od = cell / (g.out[1] * g.out[2]), oh = (cell / g.out[2]) % g.out[1], ow = cell % g.out[2];
      const float* xb = x + b * in_size;
      float* yo = y + (b * out_cells + cell) * g.c;
      for (int64_t ch = 0; ch < g.c; ch++) yo[ch] = is_max ? -INFINITY : 0.0f;  // tfjs: a window of -Infinity gives -Infinity
      int64_t count = 0;
      window(g, od, oh, ow, [&](int64_t at) {
        count++;
        for (int64_t ch = 0; ch < g.c; ch++) {
          float v = xb[at + ch];
          if (is_max) { if (v > yo[ch]) yo[ch] = v; }
          else yo[ch] += v;
        }
      });
      if (!is_max && count > 0) for (int64_t ch = 0; ch < g.c; ch++) yo[ch] /= static_cast<float>(count);
    }
  }
  return;
}

static Napi::Value Pool(const Napi::CallbackInfo& info) { return guarded(info, [&] { PoolImpl(info); }); }

// poolGrad(dy, x, dx, max, xShape, outShape, window, strides, pad)
static void PoolGradImpl(const Napi::CallbackInfo& info) {
  const float* dy = f32(info[0]);
  const float* x = f32(info[1]);
  float* dx = f32(info[2]);
  bool is_max = info[3].As<Napi::Boolean>().Value();
  PoolGeometry g = pool_geometry(info, 4);
  int64_t in_size = g.in[0] * g.in[1] * g.in[2] * g.c;
  int64_t out_cells = g.out[0] * g.out[1] * g.out[2];
#pragma omp parallel for schedule(static) if (g.n * in_size >= kParallelMin)
  for (int64_t b = 0; b < g.n; b++) {
    const float* xb = x + b * in_size;
    float* dxb = dx + b * in_size;
    for (int64_t i = 0; i < in_size; i++) dxb[i] = 0;
    for (int64_t cell = 0; cell < out_cells; cell++) {
      int64_t od = cell / (g.out[1] * g.out[2]), oh = (cell / g.out[2]) % g.out[1], ow = cell % g.out[2];
      const float* dyo = dy + (b * out_cells + cell) * g.c;
      if (is_max) {
        for (int64_t ch = 0; ch < g.c; ch++) {
          float best = -FLT_MAX;
          int64_t where = -1;
          window(g, od, oh, ow, [&](int64_t at) {
            if (xb[at + ch] > best || where < 0) { best = xb[at + ch]; where = at; }
          });
          if (where >= 0) dxb[where + ch] += dyo[ch];
        }
      } else {
        int64_t count = 0;
        window(g, od, oh, ow, [&](int64_t) { count++; });
        if (count == 0) continue;
        float inv = 1.0f / static_cast<float>(count);
        window(g, od, oh, ow, [&](int64_t at) {
          for (int64_t ch = 0; ch < g.c; ch++) dxb[at + ch] += dyo[ch] * inv;
        });
      }
    }
  }
  return;
}

static Napi::Value PoolGrad(const Napi::CallbackInfo& info) { return guarded(info, [&] { PoolGradImpl(info); }); }

// maxPoolWithIndices(x, out, indices, xShape, outShape, window, strides, pad): the max pool of
// PoolImpl (same values), and per output value the offset in its batch element's input of the
// position poolGrad would give the gradient to: the first of the window, replaced by each later
// one strictly greater (so that maxPoolGradFromIndices gives poolGrad's result bit for bit,
// without searching the windows again). -1 for an empty window.
static void MaxPoolWithIndicesImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  float* y = f32(info[1]);
  int32_t* where = info[2].As<Napi::Int32Array>().Data();
  PoolGeometry g = pool_geometry(info, 3);
  int64_t in_size = g.in[0] * g.in[1] * g.in[2] * g.c;
  if (in_size > INT32_MAX) throw std::runtime_error("maxPoolWithIndices: an example of more than 2^31 values");
  int64_t out_cells = g.out[0] * g.out[1] * g.out[2];
#pragma omp parallel if (g.n * out_cells * g.c >= kParallelMin)
  {
    // The value at each recorded position, per channel: no load through the index in the loop.
    std::vector<float> best(g.c);
#pragma omp for schedule(static) collapse(2)
    for (int64_t b = 0; b < g.n; b++) {
      for (int64_t cell = 0; cell < out_cells; cell++) {
        int64_t od = cell / (g.out[1] * g.out[2]), oh = (cell / g.out[2]) % g.out[1], ow = cell % g.out[2];
        const float* xb = x + b * in_size;
        float* yo = y + (b * out_cells + cell) * g.c;
        int32_t* wo = where + (b * out_cells + cell) * g.c;
        for (int64_t ch = 0; ch < g.c; ch++) {
          yo[ch] = -INFINITY;
          wo[ch] = -1;
        }
        bool first = true;
        window(g, od, oh, ow, [&](int64_t at) {
          const float* xa = xb + at;
          if (first) {
            for (int64_t ch = 0; ch < g.c; ch++) {
              float v = xa[ch];
              if (v > yo[ch]) yo[ch] = v;
              best[ch] = v;
              wo[ch] = static_cast<int32_t>(at + ch);
            }
            first = false;
            return;
          }
          for (int64_t ch = 0; ch < g.c; ch++) {
            float v = xa[ch];
            if (v > yo[ch]) yo[ch] = v;
            if (v > best[ch]) {
              best[ch] = v;
              wo[ch] = static_cast<int32_t>(at + ch);
            }
          }
        });
      }
    }
  }
}

static Napi::Value MaxPoolWithIndices(const Napi::CallbackInfo& info) { return guarded(info, [&] { MaxPoolWithIndicesImpl(info); }); }

// maxPoolGradFromIndices(dy, indices, dx, xShape, outShape): poolGrad's max case, each output's
// gradient added at its recorded position, in poolGrad's order (cell by cell, channel by channel).
static void MaxPoolGradFromIndicesImpl(const Napi::CallbackInfo& info) {
  const float* dy = f32(info[0]);
  const int32_t* where = info[1].As<Napi::Int32Array>().Data();
  float* dx = f32(info[2]);
  Shape xs = shape(info[3]), ys = shape(info[4]);
  int64_t n = xs[0], in_size = product(xs) / n, out_size = product(ys) / n;
#pragma omp parallel for schedule(static) if (n * in_size >= kParallelMin)
  for (int64_t b = 0; b < n; b++) {
    float* dxb = dx + b * in_size;
    const float* dyb = dy + b * out_size;
    const int32_t* wb = where + b * out_size;
    for (int64_t i = 0; i < in_size; i++) dxb[i] = 0;
    for (int64_t o = 0; o < out_size; o++)
      if (wb[o] >= 0) dxb[wb[o]] += dyb[o];
  }
}

static Napi::Value MaxPoolGradFromIndices(const Napi::CallbackInfo& info) { return guarded(info, [&] { MaxPoolGradFromIndicesImpl(info); }); }

void init_pool(Napi::Env env, Napi::Object exports) {
  exports.Set("pool", Napi::Function::New(env, Pool));
  exports.Set("poolGrad", Napi::Function::New(env, PoolGrad));
  exports.Set("maxPoolWithIndices", Napi::Function::New(env, MaxPoolWithIndices));
  exports.Set("maxPoolGradFromIndices", Napi::Function::New(env, MaxPoolGradFromIndices));
}

}  // namespace ablate
