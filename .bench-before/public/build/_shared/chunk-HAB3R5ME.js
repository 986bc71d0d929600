var e=["VND","USD","EUR","GBP","AUD","SGD","JPY","KRW","THB"];export{e as a};
