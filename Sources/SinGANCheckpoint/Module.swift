// Module SinGANCheckpoint.
