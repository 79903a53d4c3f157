// The window's state, one of each: the components share these.

import { connectApi } from '../api/connect.js';
import { Player } from '../audio/player.svelte.js';
import { AbListening } from './ab-listening.svelte.js';
import { Emotions } from './emotions.svelte.js';
import { Exporter } from './exporter.svelte.js';
import { Fetched } from './fetched.svelte.js';
import { Jobs } from './jobs.svelte.js';
import { Library } from './library.svelte.js';
import { Model } from './model.svelte.js';
import { Studio } from './studio.svelte.js';

const api = connectApi();

export const library = new Library(api);
/** The selected piece's music; the old one stays on screen until the new one comes. */
export const selectedPiece = new Fetched((id) => api.call('piece.get', { id }), { keep: true });
export const player = new Player();
export const exporter = new Exporter(api);
/** Whether the models load here: the studio, the heatmap and the atlas need them. */
export const model = new Model(api);
/** The analysis views' data: the selected and the compared piece's latents, the atlas. */
export const latents = new Fetched((id) => api.call('piece.latents', { id }));
export const compareLatents = new Fetched((id) => api.call('piece.latents', { id }));
/** The selected piece's valence and arousal around each bar. */
export const emotionLane = new Fetched((id) => api.call('piece.emotionLane', { id }));
/** The same of its A, when the selected piece is a result: the lane marks where they differ. */
export const originalLane = new Fetched((id) => api.call('piece.emotionLane', { id }));
/** Keyed by the library's pieces: a refresh keeps the old atlas on screen until the new one comes. */
export const atlas = new Fetched(() => api.call('atlas.get', {}), { keep: true });
/** The studio: its jobs (transferring, re-mooding, continuing, generating), the pieces' emotion estimates, A/B listening. */
export const jobs = new Jobs(api);
export const emotions = new Emotions(api);
export const studio = new Studio(api, jobs, library, selectedPiece, emotions, model);
export const ab = new AbListening(api, player, selectedPiece);
