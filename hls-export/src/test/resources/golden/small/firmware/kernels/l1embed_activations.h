// l1embed element-wise kernels: ReLU, LeakyReLU, linear (cast). Each result is converted into res_T with its
// rounding and overflow modes, exactly as l1embed's bit-accurate emulator computes.
#ifndef L1EMBED_ACTIVATIONS_H_
#define L1EMBED_ACTIVATIONS_H_

namespace l1embed {

// y = x > 0 ? x : 0, converted to res_T.
template <class data_T, class res_T, typename CONFIG_T>
void relu(const data_T data[CONFIG_T::n], res_T res[CONFIG_T::n]) {
    for (unsigned i = 0; i < CONFIG_T::n; i++) {
        #pragma HLS UNROLL
        if (data[i] > 0) {
            res[i] = (res_T) data[i];
        } else {
            res[i] = (res_T) 0;
        }
    }
}

// y = x > 0 ? x : alpha * x, alpha a constant of alpha_t, the product exact, then converted to res_T.
template <class data_T, class res_T, typename CONFIG_T>
void leaky_relu(const data_T data[CONFIG_T::n], res_T res[CONFIG_T::n], const typename CONFIG_T::alpha_t alpha) {
    for (unsigned i = 0; i < CONFIG_T::n; i++) {
        #pragma HLS UNROLL
        if (data[i] > 0) {
            res[i] = (res_T) data[i];
        } else {
            res[i] = (res_T) (alpha * data[i]);
        }
    }
}

// y = (res_T) x.
template <class data_T, class res_T, typename CONFIG_T>
void linear(const data_T data[CONFIG_T::n], res_T res[CONFIG_T::n]) {
    for (unsigned i = 0; i < CONFIG_T::n; i++) {
        #pragma HLS UNROLL
        res[i] = (res_T) data[i];
    }
}

}  // namespace l1embed

#endif
