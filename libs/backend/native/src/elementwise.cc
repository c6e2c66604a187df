// Element-wise operations, parallel with OpenMP. Binary operations broadcast as NumPy/tfjs do
// (shapes aligned on the right); the common cases — equal shapes, a scalar side, a per-channel
// vector — take direct loops, the rest an odometer over the output.
//
// NaN, infinities and signed zeros come out as from tfjs's JavaScript kernels: maximum and
// minimum are Math.max and Math.min (NaN if either side is NaN, +0 above -0), and the ReLU
// gradients multiply dy by tfjs's mask, step(x) (NaN where x is NaN), so a NaN or an infinite dy
// where the mask is 0 still gives NaN, as tfjs's own gradient does.
#include "common.h"
#include "scalar.h"
#include <cmath>
#include <omp.h>

namespace ablate {

enum Binary { kAdd, kSub, kMul, kDiv, kMax, kMin, kSquaredDifference, kRelu6Grad, kReluGrad };

static inline float apply(int op, float a, float b) {
  switch (op) {
    case kAdd: return a + b;
    case kSub: return a - b;
    case kMul: return a * b;
    case kDiv: return a / b;
    case kMax: return js_max(a, b);
    case kMin: return js_min(a, b);
    case kRelu6Grad: return a * (b > 6 ? 0.0f : step_mask(b));  // a = dy, b = x (tfjs: dy * (lessEqual(x, 6) * step(x)))
    case kReluGrad: return a * step_mask(b);                      // a = dy, b = x (tfjs: dy * step(x))
    default: { float d = a - b; return d * d; }
  }
}

template <int Op>
static void same(const float* a, const float* b, float* out, int64_t n) {
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) out[i] = apply(Op, a[i], b[i]);
}

template <int Op>
static void rows(const float* a, const float* b, float* out, int64_t outer, int64_t inner, bool a_is_row) {
#pragma omp parallel for schedule(static) if (outer * inner >= kParallelMin)
  for (int64_t r = 0; r < outer; r++)
    for (int64_t c = 0; c < inner; c++) {
      int64_t i = r * inner + c;
      out[i] = a_is_row ? apply(Op, a[c], b[i]) : apply(Op, a[i], b[c]);
    }
}

template <int Op>
static void scalar(const float* a, const float* b, float* out, int64_t n, bool a_is_scalar) {
  float s = a_is_scalar ? a[0] : b[0];
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) out[i] = a_is_scalar ? apply(Op, s, b[i]) : apply(Op, a[i], s);
}

// Strides of `s` aligned on the right with an output of `rank` axes; 0 on broadcast axes.
static Shape broadcast_strides(const Shape& s, size_t rank) {
  Shape strides(rank, 0);
  int64_t stride = 1;
  for (size_t i = 0; i < s.size(); i++) {
    size_t axis = rank - 1 - i;
    int64_t d = s[s.size() - 1 - i];
    strides[axis] = d == 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

template <int Op>
static void general(const float* a, const float* b, float* out, const Shape& as, const Shape& bs, const Shape& os) {
  size_t rank = os.size();
  Shape sa = broadcast_strides(as, rank), sb = broadcast_strides(bs, rank);
  int64_t last = os[rank - 1];
  int64_t outer = product(os) / last;
#pragma omp parallel for schedule(static) if (outer * last >= kParallelMin)
  for (int64_t r = 0; r < outer; r++) {
    int64_t ia = 0, ib = 0, rest = r;
    for (int64_t axis = static_cast<int64_t>(rank) - 2; axis >= 0; axis--) {
      int64_t idx = rest % os[axis];
      rest /= os[axis];
      ia += idx * sa[axis];
      ib += idx * sb[axis];
    }
    float* o = out + r * last;
    for (int64_t c = 0; c < last; c++) o[c] = apply(Op, a[ia + c * sa[rank - 1]], b[ib + c * sb[rank - 1]]);
  }
}

template <int Op>
static void binary(const float* a, const float* b, float* out, const Shape& as, const Shape& bs, const Shape& os) {
  int64_t n = product(os), na = product(as), nb = product(bs);
  if (na == n && nb == n) return same<Op>(a, b, out, n);
  if (na == 1) return scalar<Op>(a, b, out, n, true);
  if (nb == 1) return scalar<Op>(a, b, out, n, false);
  int64_t last = os.back();
  if (nb == last && bs.back() == last && na == n) return rows<Op>(a, b, out, n / last, last, false);
  if (na == last && as.back() == last && nb == n) return rows<Op>(a, b, out, n / last, last, true);
  general<Op>(a, b, out, as, bs, os);
}

// binary(op, a, b, out, aShape, bShape, outShape)
static void BinaryOpImpl(const Napi::CallbackInfo& info) {
  int op = info[0].As<Napi::Number>().Int32Value();
  const float* a = f32(info[1]);
  const float* b = f32(info[2]);
  float* out = f32(info[3]);
  Shape as = shape(info[4]), bs = shape(info[5]), os = shape(info[6]);
  switch (op) {
    case kAdd: binary<kAdd>(a, b, out, as, bs, os); break;
    case kSub: binary<kSub>(a, b, out, as, bs, os); break;
    case kMul: binary<kMul>(a, b, out, as, bs, os); break;
    case kDiv: binary<kDiv>(a, b, out, as, bs, os); break;
    case kMax: binary<kMax>(a, b, out, as, bs, os); break;
    case kMin: binary<kMin>(a, b, out, as, bs, os); break;
    case kRelu6Grad: binary<kRelu6Grad>(a, b, out, as, bs, os); break;
    case kReluGrad: binary<kReluGrad>(a, b, out, as, bs, os); break;
    default: binary<kSquaredDifference>(a, b, out, as, bs, os); break;
  }
  return;
}

static Napi::Value BinaryOp(const Napi::CallbackInfo& info) { return guarded(info, [&] { BinaryOpImpl(info); }); }

enum Unary { kRelu, kRelu6, kStep, kNeg, kAbs, kExp, kLog, kSqrt, kRsqrt, kSquare, kSigmoid, kTanh, kElu, kLeaky, kReciprocal };

template <int Op>
static inline float unary_of(float v, float alpha) {
  switch (Op) {
    case kRelu: return relu_of(v);
    case kRelu6: return relu6_of(v);
    case kStep: return v > 0 ? 1.0f : (std::isnan(v) ? v : alpha);
    case kNeg: return -v;
    case kAbs: return std::fabs(v);
    case kExp: return std::exp(v);
    case kLog: return std::log(v);
    case kSqrt: return std::sqrt(v);
    case kRsqrt: return 1.0f / std::sqrt(v);
    case kSquare: return v * v;
    case kSigmoid: return sigmoid_of(v);
    case kTanh: return std::tanh(v);
    case kElu: return elu_of(v);
    case kLeaky: return leaky_relu_of(v, alpha);
    default: return 1.0f / v;
  }
}

// One loop per operation (the operation is a template argument, not a switch in the loop), so
// the compiler can vectorise the simple ones (ReLU was 4 ms on HamidaEtAl's 1.8M values with
// the switch). The same scalar functions: the same bits.
template <int Op>
static void unary(const float* x, float* out, int64_t n, float alpha) {
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) out[i] = unary_of<Op>(x[i], alpha);
}

// unary(op, x, out, alpha)
static void UnaryOpImpl(const Napi::CallbackInfo& info) {
  int op = info[0].As<Napi::Number>().Int32Value();
  const float* x = f32(info[1]);
  float* out = f32(info[2]);
  float alpha = info[3].As<Napi::Number>().FloatValue();
  int64_t n = static_cast<int64_t>(f32len(info[1]));
  switch (op) {
    case kRelu: return unary<kRelu>(x, out, n, alpha);
    case kRelu6: return unary<kRelu6>(x, out, n, alpha);
    case kStep: return unary<kStep>(x, out, n, alpha);
    case kNeg: return unary<kNeg>(x, out, n, alpha);
    case kAbs: return unary<kAbs>(x, out, n, alpha);
    case kExp: return unary<kExp>(x, out, n, alpha);
    case kLog: return unary<kLog>(x, out, n, alpha);
    case kSqrt: return unary<kSqrt>(x, out, n, alpha);
    case kRsqrt: return unary<kRsqrt>(x, out, n, alpha);
    case kSquare: return unary<kSquare>(x, out, n, alpha);
    case kSigmoid: return unary<kSigmoid>(x, out, n, alpha);
    case kTanh: return unary<kTanh>(x, out, n, alpha);
    case kElu: return unary<kElu>(x, out, n, alpha);
    case kLeaky: return unary<kLeaky>(x, out, n, alpha);
    default: return unary<kReciprocal>(x, out, n, alpha);
  }
}

static Napi::Value UnaryOp(const Napi::CallbackInfo& info) { return guarded(info, [&] { UnaryOpImpl(info); }); }

// addN(inputs[], out): the sum of several same-shape arrays (gradient accumulation).
static void AddNImpl(const Napi::CallbackInfo& info) {
  Napi::Array inputs = info[0].As<Napi::Array>();
  float* out = f32(info[1]);
  int64_t n = static_cast<int64_t>(f32len(info[1]));
  std::vector<const float*> xs;
  for (uint32_t i = 0; i < inputs.Length(); i++) xs.push_back(f32(inputs.Get(i)));
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) {
    float s = 0;
    for (const float* x : xs) s += x[i];
    out[i] = s;
  }
  return;
}

static Napi::Value AddN(const Napi::CallbackInfo& info) { return guarded(info, [&] { AddNImpl(info); }); }

void init_elementwise(Napi::Env env, Napi::Object exports) {
  exports.Set("binary", Napi::Function::New(env, BinaryOp));
  exports.Set("unary", Napi::Function::New(env, UnaryOp));
  exports.Set("addN", Napi::Function::New(env, AddN));
}

}  // namespace ablate
