// Moving values without computing: slice, constant padding, transpose, concatenation. Each copies
// whole contiguous runs where the layout allows.
#include "common.h"
#include <cstring>
#include <omp.h>

namespace ablate {

static Shape row_strides(const Shape& s) {
  Shape st(s.size(), 1);
  for (int64_t i = static_cast<int64_t>(s.size()) - 2; i >= 0; i--) st[i] = st[i + 1] * s[i + 1];
  return st;
}

// Where the r-th innermost run of a box of shape `box`, placed at `origin` inside a tensor with row
// strides `st`, starts in that tensor: the source of a slice, the destination of a padding.
static int64_t box_run_offset(int64_t r, const Shape& origin, const Shape& box, const Shape& st) {
  int64_t rank = static_cast<int64_t>(box.size());
  int64_t offset = origin[rank - 1], rest = r;
  for (int64_t a = rank - 2; a >= 0; a--) {
    offset += (origin[a] + rest % box[a]) * st[a];
    rest /= box[a];
  }
  return offset;
}

// slice(x, out, xShape, begin, size)
static void SliceImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  float* out = f32(info[1]);
  Shape xs = shape(info[2]), begin = shape(info[3]), size = shape(info[4]);
  size_t rank = xs.size();
  Shape st = row_strides(xs);
  int64_t run = size[rank - 1];
  int64_t rows = product(size) / run;
#pragma omp parallel for schedule(static) if (rows * run >= kParallelMin)
  for (int64_t r = 0; r < rows; r++) {
    std::memcpy(out + r * run, x + box_run_offset(r, begin, size, st), static_cast<size_t>(run) * sizeof(float));
  }
}

static Napi::Value Slice(const Napi::CallbackInfo& info) { return guarded(info, [&] { SliceImpl(info); }); }

// pad(x, out, xShape, before, value): out has shape xShape + before + after.
static void PadImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  float* out = f32(info[1]);
  Shape xs = shape(info[2]), before = shape(info[3]), os = shape(info[4]);
  float value = info[5].As<Napi::Number>().FloatValue();
  size_t rank = xs.size();
  int64_t n = product(os);
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) out[i] = value;
  Shape ost = row_strides(os);
  int64_t run = xs[rank - 1];
  int64_t rows = product(xs) / run;
#pragma omp parallel for schedule(static) if (rows * run >= kParallelMin)
  for (int64_t r = 0; r < rows; r++) {
    std::memcpy(out + box_run_offset(r, before, xs, ost), x + r * run, static_cast<size_t>(run) * sizeof(float));
  }
}

static Napi::Value Pad(const Napi::CallbackInfo& info) { return guarded(info, [&] { PadImpl(info); }); }

// transpose(x, out, xShape, perm)
static void TransposeImpl(const Napi::CallbackInfo& info) {
  const float* x = f32(info[0]);
  float* out = f32(info[1]);
  Shape xs = shape(info[2]), perm = shape(info[3]);
  size_t rank = xs.size();
  Shape os(rank), xst = row_strides(xs), src_stride(rank);
  for (size_t i = 0; i < rank; i++) {
    os[i] = xs[perm[i]];
    src_stride[i] = xst[perm[i]];
  }
  int64_t last = os[rank - 1], step = src_stride[rank - 1];
  int64_t rows = product(os) / last;
#pragma omp parallel for schedule(static) if (rows * last >= kParallelMin)
  for (int64_t r = 0; r < rows; r++) {
    int64_t src = 0, rest = r;
    for (int64_t a = static_cast<int64_t>(rank) - 2; a >= 0; a--) {
      src += (rest % os[a]) * src_stride[a];
      rest /= os[a];
    }
    float* o = out + r * last;
    for (int64_t c = 0; c < last; c++) o[c] = x[src + c * step];
  }
  return;
}

static Napi::Value Transpose(const Napi::CallbackInfo& info) { return guarded(info, [&] { TransposeImpl(info); }); }

// concat(inputs[], widths[], out, outer): inputs seen as [outer, width_i], out as [outer, sum(widths)].
static void ConcatImpl(const Napi::CallbackInfo& info) {
  Napi::Array inputs = info[0].As<Napi::Array>();
  Shape widths = shape(info[1]);
  float* out = f32(info[2]);
  int64_t outer = info[3].As<Napi::Number>().Int64Value();
  std::vector<const float*> xs;
  for (uint32_t i = 0; i < inputs.Length(); i++) xs.push_back(f32(inputs.Get(i)));
  int64_t total = 0;
  for (auto w : widths) total += w;
#pragma omp parallel for schedule(static) if (outer * total >= kParallelMin)
  for (int64_t o = 0; o < outer; o++) {
    int64_t at = o * total;
    for (size_t i = 0; i < xs.size(); i++) {
      std::memcpy(out + at, xs[i] + o * widths[i], static_cast<size_t>(widths[i]) * sizeof(float));
      at += widths[i];
    }
  }
  return;
}

static Napi::Value Concat(const Napi::CallbackInfo& info) { return guarded(info, [&] { ConcatImpl(info); }); }

void init_layout(Napi::Env env, Napi::Object exports) {
  exports.Set("slice", Napi::Function::New(env, Slice));
  exports.Set("pad", Napi::Function::New(env, Pad));
  exports.Set("transpose", Napi::Function::New(env, Transpose));
  exports.Set("concat", Napi::Function::New(env, Concat));
}

}  // namespace ablate
