// Module SinGANAutodiff.
