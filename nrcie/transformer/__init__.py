"""The accurate pipeline's NER: a fine-tuned transformer encoder (see :mod:`nrcie.encoder`)."""
