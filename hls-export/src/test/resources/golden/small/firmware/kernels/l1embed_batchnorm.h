// l1embed batch normalisation kernel (unfolded): y = (res_T)(x * scale + shift), the product and the sum exact,
// scale and shift constants of their own types, exactly as l1embed's bit-accurate emulator computes.
#ifndef L1EMBED_BATCHNORM_H_
#define L1EMBED_BATCHNORM_H_

namespace l1embed {

template <class data_T, class res_T, typename CONFIG_T>
void batchnorm(const data_T data[CONFIG_T::n], res_T res[CONFIG_T::n],
               const typename CONFIG_T::scale_t scale[CONFIG_T::n], const typename CONFIG_T::shift_t shift[CONFIG_T::n]) {
    for (unsigned i = 0; i < CONFIG_T::n; i++) {
        #pragma HLS UNROLL
        res[i] = (res_T) (data[i] * scale[i] + shift[i]);
    }
}

}  // namespace l1embed

#endif
