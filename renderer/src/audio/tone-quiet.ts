// Tone prints a banner to the console when it loads unless this flag is set first.
(globalThis as { TONE_SILENCE_LOGGING?: boolean }).TONE_SILENCE_LOGGING = true;
