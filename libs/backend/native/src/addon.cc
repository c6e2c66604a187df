// ablate native CPU kernels: a Node addon (N-API) over oneDNN and OpenMP. Every function works on
// Float32Arrays owned by JavaScript (read and written in place, no copies) and returns when done.
#include "common.h"
#include <omp.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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

// Keeps freed memory in the process for the next allocation instead of giving it back to the
// system. A training step allocates and frees the same large arrays every step: by
// default glibc maps each array above 128 kB afresh (mmap) and unmaps it when freed, and the next
// step pays a page fault per 4 kB page to touch it again: measured here, a 1.4 MB Float32Array
// allocated and filled took 4.5 ms instead of 0.09 ms, and MaxPoolGrad of the Fashion-MNIST CNN's
// first layer 10.9 ms instead of 2.3 ms. Every array now comes from the heap (no mmap at all: glibc
// maps anything above 32 MB however high its threshold is set, and HybridSN's step, whose outputs
// (memory.cc) reach 100 MB, took 2795 ms instead of 876 ms), which is not trimmed below 1 GB free:
// the process keeps its high-water mark of resident memory (flat over epochs) rather than growing
// and shrinking it at every step. Returns false where the C library is not glibc (nothing changed).
static Napi::Value KeepFreedMemory(const Napi::CallbackInfo& info) {
#ifdef __GLIBC__
  bool ok = mallopt(M_MMAP_MAX, 0) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1;
  return Napi::Boolean::New(info.Env(), ok);
#else
  return Napi::Boolean::New(info.Env(), false);
#endif
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("threads", Napi::Function::New(env, Threads));
  exports.Set("version", Napi::Function::New(env, Version));
  exports.Set("setMaxIsa", Napi::Function::New(env, SetMaxIsa));
  exports.Set("keepFreedMemory", Napi::Function::New(env, KeepFreedMemory));
  init_conv(env, exports);
  init_matmul(env, exports);
  init_pool(env, exports);
  init_elementwise(env, exports);
  init_reduce(env, exports);
  init_layout(env, exports);
  init_batch_norm(env, exports);
  init_optimizer(env, exports);
  init_memory(env, exports);
  return exports;
}

}  // namespace ablate

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return ablate::Init(env, exports); }

NODE_API_MODULE(ablate_native, InitAddon)
