// The benchmark's baseline: decoding as a decoder without a kept state does it, running
// the whole prefix again for every new token (here: decoder_step from a zero state over
// positions 0..t). Same graphs, same outputs, quadratic work; never used outside `bench`.

import type ort from 'onnxruntime-node';
import type { StepperFactory } from '../inference/decode.js';
import { int64 } from '../onnx/tensors.js';

export const recomputeStepper: StepperFactory = (graphs, batch, emotion) => {
  const history: { prev: ort.Tensor; latent: ort.Tensor }[] = [];
  return {
    async step(prev, latent) {
      history.push({ prev, latent });
      let state = graphs.zeroState(graphs.manifest.decoder_state, batch);
      let out!: Awaited<ReturnType<typeof graphs.decoderStep>>;
      for (const [k, h] of history.entries()) {
        out = await graphs.decoderStep(h.prev, h.latent, emotion, int64(new Array(batch).fill(k), [batch]), state);
        state = out.state;
      }
      return out;
    },
  };
};
