// Max and average pooling, forward and backward, 2-D (NHWC) and 3-D (NDHWC) as one 3-D loop (a
// 2-D pool is a 3-D pool of depth 1), with tfjs's semantics: padding never wins a max, and an
// average divides by the number of in-bounds values. Backward recomputes the max's position
// (the first maximum, as tfjs) and parallelises over the batch, where writes cannot collide.
#include "common.h"
#include <cfloat>
#include <climits>
#include <algorithm>
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

// The in-bounds input positions [lo, hi) of output position `o` on one axis (empty: lo == hi).
struct Span {
  int64_t lo, hi;
};
static inline Span span(const PoolGeometry& g, int axis, int64_t o) {
  int64_t start = o * g.s[axis] - g.pad[axis];
  int64_t lo = std::max<int64_t>(start, 0);
  return {lo, std::max(lo, std::min<int64_t>(start + g.k[axis], g.in[axis]))};
}

// Visits the input offsets (within the example) of the window spanning sd × sh × sw: in-bounds
// positions only (padding never counts), depth, then height, then width, the order that decides
// the first maximum and the average's sum.
template <typename Visit>
static void visit_window(const PoolGeometry& g, Span sd, Span sh, Span sw, Visit visit) {
  for (int64_t d = sd.lo; d < sd.hi; d++)
    for (int64_t h = sh.lo; h < sh.hi; h++)
      for (int64_t w = sw.lo, at = ((d * g.in[1] + h) * g.in[2] + sw.lo) * g.c; w < sw.hi; w++, at += g.c) visit(at);
}

// The window of output (od, oh, ow): its size, and visit_window over it.
static int64_t window_size(const PoolGeometry& g, int64_t od, int64_t oh, int64_t ow) {
  Span sd = span(g, 0, od), sh = span(g, 1, oh), sw = span(g, 2, ow);
  return (sd.hi - sd.lo) * (sh.hi - sh.lo) * (sw.hi - sw.lo);
}
template <typename Visit>
static void window(const PoolGeometry& g, int64_t od, int64_t oh, int64_t ow, Visit visit) {
  visit_window(g, span(g, 0, od), span(g, 1, oh), span(g, 2, ow), visit);
}

// The forward loops: output rows (b, od, oh) in parallel, the depth and height spans computed once
// per row. Calls cell(b, cell, count, walk) with the output cell's index, its window's size, and
// walk(visit), which visits the window (visit_window).
template <typename Cell>
static void for_each_cell(const PoolGeometry& g, Cell cell) {
  int64_t rows = g.n * g.out[0] * g.out[1];
#pragma omp parallel for schedule(static) if (rows * g.out[2] * g.c >= kParallelMin)
  for (int64_t r = 0; r < rows; r++) {
    int64_t oh = r % g.out[1], od = (r / g.out[1]) % g.out[0], b = r / (g.out[1] * g.out[0]);
    Span sd = span(g, 0, od), sh = span(g, 1, oh);
    for (int64_t ow = 0; ow < g.out[2]; ow++) {
      Span sw = span(g, 2, ow);
      cell(b, r * g.out[2] + ow, (sd.hi - sd.lo) * (sh.hi - sh.lo) * (sw.hi - sw.lo), [&](auto visit) { visit_window(g, sd, sh, sw, visit); });
    }
  }
}

// pool(x, out, max, xShape, outShape, window, strides, pad)
static void PoolImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  float* y = f32(info[1]);
  bool is_max = info[2].As<Napi::Boolean>().Value();
  PoolGeometry g = pool_geometry(info, 3);
  int64_t in_size = g.in[0] * g.in[1] * g.in[2] * g.c, c = g.c;
  for_each_cell(g, [&](int64_t b, int64_t cell, int64_t count, auto walk) {
    const float* xb = x + b * in_size;
    float* yo = y + cell * c;
    if (is_max) {
      for (int64_t ch = 0; ch < c; ch++) yo[ch] = -INFINITY;  // tfjs: a window of -Infinity gives -Infinity
      // Selects, not branches: a max pool's comparisons are coin flips for the branch predictor
      // (measured on a [100, 24, 24, 6] pool, one thread: 1.35 -> 0.25 ms).
      walk([&](int64_t at) {
        const float* xa = xb + at;
        for (int64_t ch = 0; ch < c; ch++) yo[ch] = xa[ch] > yo[ch] ? xa[ch] : yo[ch];
      });
      return;
    }
    for (int64_t ch = 0; ch < c; ch++) yo[ch] = 0.0f;
    walk([&](int64_t at) {
      const float* xa = xb + at;
      for (int64_t ch = 0; ch < c; ch++) yo[ch] += xa[ch];
    });
    if (count > 0) for (int64_t ch = 0; ch < c; ch++) yo[ch] /= static_cast<float>(count);
  });
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
        int64_t count = window_size(g, od, oh, ow);
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
  int64_t in_size = g.in[0] * g.in[1] * g.in[2] * g.c, c = g.c;
  if (in_size > INT32_MAX) throw std::runtime_error("maxPoolWithIndices: an example of more than 2^31 values");
  for_each_cell(g, [&](int64_t b, int64_t cell, int64_t count, auto walk) {
    const float* xb = x + b * in_size;
    float* yo = y + cell * c;
    int32_t* wo = where + cell * c;
    for (int64_t ch = 0; ch < c; ch++) {
      yo[ch] = -INFINITY;
      wo[ch] = -1;
    }
    // The window's offsets first, then channel by channel over them: the running maximum, its
    // position's value and the position stay in registers, and the choices are selects, not
    // branches (a max pool's comparisons are coin flips for the branch predictor: 1.43 -> 0.45 ms).
    int64_t stack[64];
    std::vector<int64_t> heap;
    int64_t* offsets = count <= 64 ? stack : (heap.resize(static_cast<size_t>(count)), heap.data());
    int64_t m = 0;
    walk([&](int64_t at) { offsets[m++] = at; });
    if (m == 0) return;
    for (int64_t ch = 0; ch < c; ch++) {
      float first = xb[offsets[0] + ch];
      float top = first > -INFINITY ? first : -INFINITY, best = first;
      int32_t at = static_cast<int32_t>(offsets[0] + ch);
      for (int64_t i = 1; i < m; i++) {
        float v = xb[offsets[i] + ch];
        int32_t wins = -static_cast<int32_t>(v > best);  // all ones where v is the new position
        at = (at & ~wins) | (static_cast<int32_t>(offsets[i] + ch) & wins);
        top = v > top ? v : top;
        best = v > best ? v : best;
      }
      yo[ch] = top;
      wo[ch] = at;
    }
  });
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
