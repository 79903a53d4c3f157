// The window's state, one of each: the components share these.

import { Player } from '../audio/player.svelte.js';
import { connectApi } from '../lib/connect.js';
import { Exporter } from './exporter.svelte.js';
import { Library } from './library.svelte.js';
import { SelectedPiece } from './piece.svelte.js';

const api = connectApi();

export const library = new Library(api);
export const selectedPiece = new SelectedPiece(api);
export const player = new Player();
export const exporter = new Exporter(api);
