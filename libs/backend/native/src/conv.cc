// Convolutions on oneDNN: forward (with optional bias), backward data and backward weights, for
// 2-D (NHWC, weights HWIO) and 3-D (NDHWC, DHWIO) inputs, and depthwise 2-D (weights HWIGO, i.e.
// tfjs's [kh, kw, channels, multiplier]). Padding is explicit per side, so asymmetric padding
// costs nothing extra. Activations stay in tfjs's channels-last layout (NHWC, NDHWC): oneDNN has
// kernels for it on every ISA (brgconv on AVX-512, jit on AVX2/AVX/SSE4.1), so they are never
// reordered. Letting oneDNN pick a blocked layout (tag::any) cost a cached reorder buffer per
// activation per configuration, ~1.1 GB for HybridSN's step, for no speed (measured:
// HybridSN 775 -> 676 ms a step and 2693 -> 1273 MB peak RSS, MobileNetV1 199 -> 170 ms and 1309
// -> 745 MB). Weights are reordered to the layout oneDNN picks; primitives, reorders and the
// weights' buffers are cached per configuration.
#include "common.h"
#include <memory>
#include <unordered_map>

namespace ablate {

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

struct ConvGeometry {
  Shape src, wei, dst;      // oneDNN logical dims: src [n, c, (d,) h, w], weights [(g,) o, i, (d,) h, w]
  Shape strides, dilates, pad_l, pad_r;
  bool depthwise;
  int spatial;              // 2 or 3
};

static tag data_tag(int spatial) { return spatial == 3 ? tag::ndhwc : tag::nhwc; }
static tag weight_tag(const ConvGeometry& g) { return g.depthwise ? tag::hwigo : (g.spatial == 3 ? tag::dhwio : tag::hwio); }

// tfjs shapes → oneDNN geometry. x: [n, (d,) h, w, c]; filter: [(kd,) kh, kw, cin, cout] or depthwise [kh, kw, c, m].
static ConvGeometry geometry(const Shape& x, const Shape& filter, const Shape& y, const Shape& strides, const Shape& dil, const Shape& pad_l, const Shape& pad_r, bool depthwise) {
  ConvGeometry g;
  g.spatial = static_cast<int>(x.size()) - 2;
  g.depthwise = depthwise;
  auto nc = [&](const Shape& s) {
    Shape out{s[0], s.back()};
    for (int i = 1; i <= g.spatial; i++) out.push_back(s[i]);
    return out;
  };
  g.src = nc(x);
  g.dst = nc(y);
  if (depthwise) {
    g.wei = {filter[2], filter[3], 1, filter[0], filter[1]};  // [g, o/g, i/g, kh, kw]
  } else {
    g.wei = {filter[g.spatial + 1], filter[g.spatial]};
    for (int i = 0; i < g.spatial; i++) g.wei.push_back(filter[i]);
  }
  g.strides = strides;
  for (auto d : dil) g.dilates.push_back(d - 1);
  g.pad_l = pad_l;
  g.pad_r = pad_r;
  return g;
}

static std::string conv_key(const char* kind, const ConvGeometry& g, bool bias) {
  return key(kind, {&g.src, &g.wei, &g.dst, &g.strides, &g.dilates, &g.pad_l, &g.pad_r}) + (g.depthwise ? "dw" : "") + (bias ? "b" : "");
}

// A user buffer seen by a primitive in the primitive's own layout (reordered when they differ).
struct Port {
  memory::desc user, inner;
  bool needs_reorder = false;
  std::unique_ptr<dnnl::reorder> to_inner, to_user;
  std::unique_ptr<memory> buffer;  // inner-layout scratch, reused between calls

  void init(const memory::desc& u, const memory::desc& in, bool input) {
    user = u;
    inner = in;
    needs_reorder = u != in;
    if (!needs_reorder) return;
    buffer = std::make_unique<memory>(in, engine());
    memory um(u, engine(), DNNL_MEMORY_NONE);
    if (input) to_inner = std::make_unique<dnnl::reorder>(um, *buffer);
    else to_user = std::make_unique<dnnl::reorder>(*buffer, um);
  }
  memory in(float* data) {
    memory um(user, engine(), data);
    if (!needs_reorder) return um;
    to_inner->execute(stream(), um, *buffer);
    return *buffer;
  }
  memory out(float* data) { return needs_reorder ? *buffer : memory(user, engine(), data); }
  void finish(float* data) {
    if (!needs_reorder) return;
    memory um(user, engine(), data);
    to_user->execute(stream(), *buffer, um);
  }
};

static convolution_forward::primitive_desc forward_pd(const ConvGeometry& g, bool bias) {
  memory::desc src(g.src, dt::f32, data_tag(g.spatial)), wei(g.wei, dt::f32, tag::any), dst(g.dst, dt::f32, data_tag(g.spatial));
  memory::desc b = bias ? memory::desc({g.dst[1]}, dt::f32, tag::x) : memory::desc();
  auto d = convolution_forward::desc(prop_kind::forward_training, algorithm::convolution_direct, src, wei, b, dst, g.strides, g.dilates, g.pad_l, g.pad_r);
  return convolution_forward::primitive_desc(d, engine());
}

struct Forward {
  convolution_forward::primitive_desc pd;
  convolution_forward prim;
  Port src, wei, dst;
};

struct BackwardData {
  convolution_backward_data::primitive_desc pd;
  convolution_backward_data prim;
  Port diff_dst, wei, diff_src;
};

struct BackwardWeights {
  convolution_backward_weights::primitive_desc pd;
  convolution_backward_weights prim;
  Port src, diff_dst, diff_wei;
};

template <typename T>
static T& cached(std::unordered_map<std::string, std::unique_ptr<T>>& cache, const std::string& k, std::unique_ptr<T> (*make)(const ConvGeometry&, bool), const ConvGeometry& g, bool bias) {
  auto it = cache.find(k);
  if (it == cache.end()) it = cache.emplace(k, make(g, bias)).first;
  return *it->second;
}

static std::unique_ptr<Forward> make_forward(const ConvGeometry& g, bool bias) {
  auto pd = forward_pd(g, bias);
  auto f = std::unique_ptr<Forward>(new Forward{pd, convolution_forward(pd), {}, {}, {}});
  f->src.init(memory::desc(g.src, dt::f32, data_tag(g.spatial)), pd.src_desc(), true);
  f->wei.init(memory::desc(g.wei, dt::f32, weight_tag(g)), pd.weights_desc(), true);
  f->dst.init(memory::desc(g.dst, dt::f32, data_tag(g.spatial)), pd.dst_desc(), false);
  return f;
}

static std::unique_ptr<BackwardData> make_backward_data(const ConvGeometry& g, bool) {
  memory::desc src(g.src, dt::f32, data_tag(g.spatial)), wei(g.wei, dt::f32, tag::any), dst(g.dst, dt::f32, data_tag(g.spatial));
  auto d = convolution_backward_data::desc(algorithm::convolution_direct, src, wei, dst, g.strides, g.dilates, g.pad_l, g.pad_r);
  auto pd = convolution_backward_data::primitive_desc(d, engine(), forward_pd(g, false));
  auto b = std::unique_ptr<BackwardData>(new BackwardData{pd, convolution_backward_data(pd), {}, {}, {}});
  b->diff_dst.init(memory::desc(g.dst, dt::f32, data_tag(g.spatial)), pd.diff_dst_desc(), true);
  b->wei.init(memory::desc(g.wei, dt::f32, weight_tag(g)), pd.weights_desc(), true);
  b->diff_src.init(memory::desc(g.src, dt::f32, data_tag(g.spatial)), pd.diff_src_desc(), false);
  return b;
}

static std::unique_ptr<BackwardWeights> make_backward_weights(const ConvGeometry& g, bool) {
  memory::desc src(g.src, dt::f32, data_tag(g.spatial)), wei(g.wei, dt::f32, tag::any), dst(g.dst, dt::f32, data_tag(g.spatial));
  auto d = convolution_backward_weights::desc(algorithm::convolution_direct, src, wei, dst, g.strides, g.dilates, g.pad_l, g.pad_r);
  auto pd = convolution_backward_weights::primitive_desc(d, engine(), forward_pd(g, false));
  auto b = std::unique_ptr<BackwardWeights>(new BackwardWeights{pd, convolution_backward_weights(pd), {}, {}, {}});
  b->src.init(memory::desc(g.src, dt::f32, data_tag(g.spatial)), pd.src_desc(), true);
  b->diff_dst.init(memory::desc(g.dst, dt::f32, data_tag(g.spatial)), pd.diff_dst_desc(), true);
  b->diff_wei.init(memory::desc(g.wei, dt::f32, weight_tag(g)), pd.diff_weights_desc(), false);
  return b;
}

static std::unordered_map<std::string, std::unique_ptr<Forward>> forwards;
static std::unordered_map<std::string, std::unique_ptr<BackwardData>> backward_datas;
static std::unordered_map<std::string, std::unique_ptr<BackwardWeights>> backward_weights;

// Arguments shared by the three entry points: shapes in tfjs layout plus geometry.
struct Args {
  ConvGeometry g;
  explicit Args(const Napi::CallbackInfo& info, int first)
      : g(geometry(shape(info[first]), shape(info[first + 1]), shape(info[first + 2]), shape(info[first + 3]), shape(info[first + 4]), shape(info[first + 5]), shape(info[first + 6]), info[first + 7].As<Napi::Boolean>().Value())) {}
};

// convForward(x, filter, out, bias|null, xShape, filterShape, outShape, strides, dilations, padL, padR, depthwise)
static void ConvForwardImpl(const Napi::CallbackInfo& info) {
  Args a(info, 4);
  bool has_bias = info[3].IsTypedArray();
  Forward& f = cached(forwards, conv_key("f", a.g, has_bias), make_forward, a.g, has_bias);
  memory src = f.src.in(f32(info[0]));
  memory wei = f.wei.in(f32(info[1]));
  memory dst = f.dst.out(f32(info[2]));
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DST, dst}};
  if (has_bias) args.emplace(DNNL_ARG_BIAS, memory(f.pd.bias_desc(), engine(), f32(info[3])));
  f.prim.execute(stream(), args);
  f.dst.finish(f32(info[2]));
  stream().wait();
  return;
}

static Napi::Value ConvForward(const Napi::CallbackInfo& info) { return guarded(info, [&] { ConvForwardImpl(info); }); }

// convBackwardData(dy, filter, dx, unused, xShape, filterShape, dyShape, strides, dilations, padL, padR, depthwise)
static void ConvBackwardDataImpl(const Napi::CallbackInfo& info) {
  Args a(info, 4);
  BackwardData& b = cached(backward_datas, conv_key("bd", a.g, false), make_backward_data, a.g, false);
  memory dd = b.diff_dst.in(f32(info[0]));
  memory wei = b.wei.in(f32(info[1]));
  memory ds = b.diff_src.out(f32(info[2]));
  b.prim.execute(stream(), {{DNNL_ARG_DIFF_DST, dd}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DIFF_SRC, ds}});
  b.diff_src.finish(f32(info[2]));
  stream().wait();
  return;
}

static Napi::Value ConvBackwardData(const Napi::CallbackInfo& info) { return guarded(info, [&] { ConvBackwardDataImpl(info); }); }

// convBackwardWeights(x, dy, dw, unused, xShape, filterShape, dyShape, strides, dilations, padL, padR, depthwise)
static void ConvBackwardWeightsImpl(const Napi::CallbackInfo& info) {
  Args a(info, 4);
  BackwardWeights& b = cached(backward_weights, conv_key("bw", a.g, false), make_backward_weights, a.g, false);
  memory src = b.src.in(f32(info[0]));
  memory dd = b.diff_dst.in(f32(info[1]));
  memory dw = b.diff_wei.out(f32(info[2]));
  b.prim.execute(stream(), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, dd}, {DNNL_ARG_DIFF_WEIGHTS, dw}});
  b.diff_wei.finish(f32(info[2]));
  stream().wait();
  return;
}

static Napi::Value ConvBackwardWeights(const Napi::CallbackInfo& info) { return guarded(info, [&] { ConvBackwardWeightsImpl(info); }); }

static Napi::Value ConvImplementation(const Napi::CallbackInfo& info) {
  Args a(info, 0);
  Forward& f = cached(forwards, conv_key("f", a.g, false), make_forward, a.g, false);
  BackwardWeights& b = cached(backward_weights, conv_key("bw", a.g, false), make_backward_weights, a.g, false);
  return Napi::String::New(info.Env(), std::string(f.pd.impl_info_str()) + " / " + b.pd.impl_info_str());
}

void init_conv(Napi::Env env, Napi::Object exports) {
  exports.Set("convForward", Napi::Function::New(env, ConvForward));
  exports.Set("convBackwardData", Napi::Function::New(env, ConvBackwardData));
  exports.Set("convBackwardWeights", Napi::Function::New(env, ConvBackwardWeights));
  exports.Set("convImplementation", Napi::Function::New(env, ConvImplementation));
}

}  // namespace ablate
