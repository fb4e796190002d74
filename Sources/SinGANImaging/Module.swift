// Module SinGANImaging.
