bridge l
