// Memory of the native kernels' outputs: an ArrayBuffer (a Float32Array's) on memory
// this addon allocates, which `release` frees at once when its tensor is disposed, instead of waiting for
// V8's garbage collector (a JavaScript array's memory is freed only when V8 collects it, and V8
// does not know how urgently). glibc then reuses the freed memory for the next output of any
// size, as PyTorch's CPU allocator does. `release` first detaches the array: a reference that
// survived the tensor sees an empty array, never freed memory. An array never released (read
// out of the backend, shared with a view) is freed when V8 collects it, like any other.
#include "common.h"
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <v8.h>

namespace ablate {

namespace {

struct Block {
  void* data;
  int64_t bytes;
  bool released = false;
};

// Live blocks by address, for `release` (which gets the array, not the block). Locked: each Node
// worker thread that loads the addon shares it.
std::unordered_map<void*, Block*>& blocks() {
  static std::unordered_map<void*, Block*> map;
  return map;
}
std::mutex& blocks_lock() {
  static std::mutex m;
  return m;
}

// V8 collected the array: frees its memory unless `release` did; the block goes either way.
void finalize(Block* block) {
  if (!block->released) {
    std::lock_guard<std::mutex> lock(blocks_lock());
    blocks().erase(block->data);
    std::free(block->data);
  }
  delete block;
}

}  // namespace

// allocate(length, zero): an ArrayBuffer of `length` floats on memory of its own, zeroed when
// `zero` (a kernel that writes every element asks for none). The caller views it as a
// Float32Array of its own realm (under Jest, a vm context whose Float32Array is not the addon's).
//
// The ArrayBuffer is made through V8 with an empty deleter, not N-API's external buffer: V8 counts
// every other backing store as external memory and starts a garbage collection each time 64 MB
// more of it has been allocated since the last one (HybridSN's step allocates 1.5 GB: ~10
// collections a step, measured, with their marking on the second core that OpenMP wanted), and
// N-API's external memory adjustment cannot cancel that without upsetting V8's figures in between.
// An empty deleter tells V8 that the memory is not its own to count or free: `release` frees it,
// or the finalizer that N-API runs when V8 collects an array never released.
static Napi::Value Allocate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  size_t length = static_cast<size_t>(info[0].As<Napi::Number>().Int64Value());
  bool zero = info[1].As<Napi::Boolean>().Value();
  size_t bytes = (length > 0 ? length : 1) * sizeof(float);
  void* data = zero ? std::calloc(1, bytes) : std::malloc(bytes);
  if (data == nullptr) {
    Napi::Error::New(env, "ablate-native: out of memory allocating " + std::to_string(bytes) + " bytes").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, v8::ArrayBuffer::NewBackingStore(data, bytes, v8::BackingStore::EmptyDeleter, nullptr));
  // A napi_value is a V8 handle's address (Node's v8impl::JsValueFromV8LocalValue); the callback
  // runs inside the handle scope Node opened for it.
  Napi::Value bufferValue(env, reinterpret_cast<napi_value>(*buffer));
  Block* block = new Block{data, static_cast<int64_t>(bytes)};
  {
    std::lock_guard<std::mutex> lock(blocks_lock());
    blocks()[data] = block;
  }
  napi_status status = napi_add_finalizer(env, bufferValue, block, [](napi_env, void* hint, void*) { finalize(static_cast<Block*>(hint)); }, nullptr, nullptr);
  if (status != napi_ok) {
    std::lock_guard<std::mutex> lock(blocks_lock());
    blocks().erase(data);
    delete block;
    std::free(data);
    Napi::Error::New(env, "ablate-native: could not track an output array").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  return bufferValue;
}

// release(array): frees the memory of an array `allocate` made, now; false (nothing done) for any
// other array, or one already released.
static Napi::Value Release(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::ArrayBuffer buffer = info[0].As<Napi::Float32Array>().ArrayBuffer();
  if (buffer.IsDetached()) return Napi::Boolean::New(env, false);
  void* data = buffer.Data();
  Block* block;
  {
    std::lock_guard<std::mutex> lock(blocks_lock());
    auto it = blocks().find(data);
    if (it == blocks().end()) return Napi::Boolean::New(env, false);
    block = it->second;
    blocks().erase(it);
  }
  buffer.Detach();
  block->released = true;
  std::free(data);
  return Napi::Boolean::New(env, true);
}

// allocated(): how many arrays `allocate` made are not freed yet, and their bytes.
static Napi::Value Allocated(const Napi::CallbackInfo& info) {
  int64_t bytes = 0;
  std::lock_guard<std::mutex> lock(blocks_lock());
  for (const auto& entry : blocks()) bytes += entry.second->bytes;
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("arrays", static_cast<double>(blocks().size()));
  o.Set("bytes", static_cast<double>(bytes));
  return o;
}

void init_memory(Napi::Env env, Napi::Object exports) {
  exports.Set("allocated", Napi::Function::New(env, Allocated));
  exports.Set("allocate", Napi::Function::New(env, Allocate));
  exports.Set("release", Napi::Function::New(env, Release));
}

}  // namespace ablate
