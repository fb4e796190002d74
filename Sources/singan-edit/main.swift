print("singan-edit")
