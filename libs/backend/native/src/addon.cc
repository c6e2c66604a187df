// ablate native CPU kernels: a Node addon (N-API) over oneDNN and OpenMP. Every function works on
// Float32Arrays owned by JavaScript (read and written in place, no copies) and returns when done.
#include "common.h"
#include <omp.h>

namespace ablate {

dnnl::engine& engine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

dnnl::stream& stream() {
  static dnnl::stream s(engine());
  return s;
}

static Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  int n = info[0].As<Napi::Number>().Int32Value();
  omp_set_num_threads(n > 0 ? n : omp_get_num_procs());
  return info.Env().Undefined();
}

static Napi::Value Threads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), omp_get_max_threads()); }

// The highest instruction set oneDNN may use (reproducible: strict pins it so that two CPUs pick the
// same kernels). Must come before the first primitive; returns false when oneDNN refuses (too late,
// or an ISA this build does not know).
static Napi::Value SetMaxIsa(const Napi::CallbackInfo& info) {
  std::string name = info[0].As<Napi::String>().Utf8Value();
  dnnl::cpu_isa isa = name == "sse41" ? dnnl::cpu_isa::sse41 : name == "avx" ? dnnl::cpu_isa::avx : name == "avx2" ? dnnl::cpu_isa::avx2 : dnnl::cpu_isa::all;
  try {
    return Napi::Boolean::New(info.Env(), dnnl::set_max_cpu_isa(isa) == dnnl::status::success);
  } catch (const dnnl::error&) {
    return Napi::Boolean::New(info.Env(), false);
  }
}

static const char* isaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

static Napi::Value Version(const Napi::CallbackInfo& info) {
  const dnnl_version_t* v = dnnl_version();
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
  o.Set("cpuRuntime", v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other");
  o.Set("isa", isaName(dnnl::get_effective_cpu_isa()));
  return o;
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("threads", Napi::Function::New(env, Threads));
  exports.Set("version", Napi::Function::New(env, Version));
  exports.Set("setMaxIsa", Napi::Function::New(env, SetMaxIsa));
  init_conv(env, exports);
  init_matmul(env, exports);
  init_pool(env, exports);
  init_elementwise(env, exports);
  init_reduce(env, exports);
  init_layout(env, exports);
  init_batch_norm(env, exports);
  return exports;
}

}  // namespace ablate

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return ablate::Init(env, exports); }

NODE_API_MODULE(ablate_native, InitAddon)
