// Module SinGANModel.
