// The few Tone.js classes the UI uses, from their own modules. Tone's index module
// builds a global AudioContext the moment it is imported, and that context's clock runs
// in a Worker made from a blob: URL, which the page's CSP refuses; importing the parts
// lets us create the one context ourselves, on the user's first click.

import './tone-quiet.js';
// registers the hook that gives each new context its output (context.destination)
import 'tone/build/esm/core/context/Destination.js';

export { Context } from 'tone/build/esm/core/context/Context.js';
export { Gain } from 'tone/build/esm/core/context/Gain.js';
export { OfflineContext } from 'tone/build/esm/core/context/OfflineContext.js';
export { getContext, setContext } from 'tone/build/esm/core/Global.js';
export { Sampler } from 'tone/build/esm/instrument/Sampler.js';
