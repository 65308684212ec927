// l1embed dense kernel (io_parallel, latency strategy).
//
// For output j the result is exactly what l1embed's bit-accurate emulator computes:
//   acc = (accum_t) bias[j];
//   for i = 0 .. n_in-1 ascending:  acc += (accum_t)(data[i] * weight[i][j]);   // exact product, one cast, exact add, one cast
//   res[j] = (res_T) acc;
// Weights are [n_in][n_out] row-major. The products are visited in ascending flat index t = i*n_out + j,
// reuse_factor rounds of n_in*n_out/reuse_factor products each, so every output still sums its inputs in
// ascending order whatever the reuse factor (which must divide n_in*n_out).
#ifndef L1EMBED_DENSE_H_
#define L1EMBED_DENSE_H_

namespace l1embed {

template <class data_T, class res_T, typename CONFIG_T>
void dense(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
           const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
           const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
    typedef typename CONFIG_T::accum_t accum_t;
    static const unsigned per_round = CONFIG_T::n_in * CONFIG_T::n_out / CONFIG_T::reuse_factor;

    accum_t acc[CONFIG_T::n_out];
    #pragma HLS ARRAY_PARTITION variable=acc complete
    #pragma HLS ALLOCATION operation instances=mul limit=CONFIG_T::multiplier_limit

Bias:
    for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
        #pragma HLS UNROLL
        acc[j] = (accum_t) biases[j];
    }

Rounds:
    for (unsigned r = 0; r < CONFIG_T::reuse_factor; r++) {
        #pragma HLS PIPELINE II=1
    Products:
        for (unsigned m = 0; m < per_round; m++) {
            #pragma HLS UNROLL
            const unsigned t = r * per_round + m;
            acc[t % CONFIG_T::n_out] += (accum_t) (data[t / CONFIG_T::n_out] * weights[t]);
        }
    }

Result:
    for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
        #pragma HLS UNROLL
        res[j] = (res_T) acc[j];
    }
}

}  // namespace l1embed

#endif
