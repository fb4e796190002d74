// Module SinGANNN.
