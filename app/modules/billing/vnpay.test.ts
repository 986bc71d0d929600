import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { momoOutcome, momoRawSignature, MOMO_CREATE_FIELDS, signMomo, verifyMomo } from "./momo";
import {
  fromVnpayAmount,
  parseVnpayDate,
  signVnpayParams,
  toVnpayAmount,
  verifyVnpayParams,
  vnpayDate,
  vnpayOutcome,
  vnpayPaymentUrl,
  vnpaySignData,
} from "./vnpay";

describe("VNPay signing (2.1.0)", () => {
  const params = {
    vnp_Version: "2.1.0",
    vnp_Command: "pay",
    vnp_TmnCode: "QPTEST01",
    vnp_Amount: "14900000",
    vnp_OrderInfo: "QuitPath premium monthly",
    vnp_ReturnUrl: "https://quitpath.example/app/billing/return/vnpay",
    vnp_TxnRef: "QP0001",
  };

  it("signs the parameters sorted by name, URL-encoded, spaces as +, without the hash fields or empty values", () => {
    expect(vnpaySignData({ ...params, vnp_BankCode: "", vnp_SecureHash: "x", vnp_SecureHashType: "HmacSHA512" })).toBe(
      "vnp_Amount=14900000&vnp_Command=pay&vnp_OrderInfo=QuitPath+premium+monthly" +
        "&vnp_ReturnUrl=https%3A%2F%2Fquitpath.example%2Fapp%2Fbilling%2Freturn%2Fvnpay&vnp_TmnCode=QPTEST01&vnp_TxnRef=QP0001&vnp_Version=2.1.0",
    );
  });

  it("is HMAC-SHA512 of that string with the hash secret, verified back and refused when anything changes", () => {
    const secret = "SECRETSECRETSECRET";
    const expected = createHmac("sha512", secret).update(vnpaySignData(params)).digest("hex");
    expect(signVnpayParams(params, secret)).toBe(expected);
    const signed = { ...params, vnp_SecureHash: expected.toUpperCase() };
    expect(verifyVnpayParams(signed, secret)).toBe(true);
    expect(verifyVnpayParams({ ...signed, vnp_Amount: "100" }, secret)).toBe(false);
    expect(verifyVnpayParams(signed, "another secret")).toBe(false);
    expect(verifyVnpayParams({ ...params }, secret)).toBe(false);
  });

  it("builds the payment URL a browser can follow and the signature still verifies from its query", () => {
    const url = new URL(vnpayPaymentUrl("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", params, "S3CR3TS3CR3TS3CR3T"));
    expect(url.searchParams.get("vnp_OrderInfo")).toBe("QuitPath premium monthly");
    expect(verifyVnpayParams(Object.fromEntries(url.searchParams), "S3CR3TS3CR3TS3CR3T")).toBe(true);
  });

  it("writes dates in Vietnam's time and amounts ×100", () => {
    const at = new Date("2026-12-01T17:30:05Z");
    expect(vnpayDate(at)).toBe("20261202003005");
    expect(parseVnpayDate("20261202003005")?.toISOString()).toBe(at.toISOString());
    expect(toVnpayAmount(149_000)).toBe("14900000");
    expect(fromVnpayAmount("14900000")).toBe(149_000);
    expect(fromVnpayAmount("abc")).toBeNaN();
  });

  it("maps response codes to outcomes", () => {
    expect(vnpayOutcome("00", "00")).toBe("paid");
    expect(vnpayOutcome("00", "02")).toBe("failed");
    expect(vnpayOutcome("24", "02")).toBe("cancelled");
    expect(vnpayOutcome("51", "02")).toBe("failed");
  });
});

describe("MoMo signing (v2)", () => {
  const create = {
    accessKey: "F8BBA842ECF85",
    amount: 149000,
    extraData: "",
    ipnUrl: "https://quitpath.example/webhooks/momo",
    orderId: "QP0001",
    orderInfo: "QuitPath premium",
    partnerCode: "MOMO",
    redirectUrl: "https://quitpath.example/app/billing/return/momo",
    requestId: "QP0001",
    requestType: "captureWallet",
  };

  it("signs the documented raw string (fields in MoMo's order, raw values) with HMAC-SHA256", () => {
    const raw = momoRawSignature(MOMO_CREATE_FIELDS, create);
    expect(raw).toBe(
      "accessKey=F8BBA842ECF85&amount=149000&extraData=&ipnUrl=https://quitpath.example/webhooks/momo&orderId=QP0001" +
        "&orderInfo=QuitPath premium&partnerCode=MOMO&redirectUrl=https://quitpath.example/app/billing/return/momo" +
        "&requestId=QP0001&requestType=captureWallet",
    );
    const signature = signMomo(MOMO_CREATE_FIELDS, create, "K951B6PE1waDMi640xX08PD3vg6EkVlz");
    expect(signature).toBe(createHmac("sha256", "K951B6PE1waDMi640xX08PD3vg6EkVlz").update(raw).digest("hex"));
    expect(verifyMomo(MOMO_CREATE_FIELDS, create, "K951B6PE1waDMi640xX08PD3vg6EkVlz", signature)).toBe(true);
    expect(verifyMomo(MOMO_CREATE_FIELDS, { ...create, amount: 1 }, "K951B6PE1waDMi640xX08PD3vg6EkVlz", signature)).toBe(false);
  });

  it("maps result codes to outcomes (9000 authorised is not paid)", () => {
    expect(momoOutcome(0)).toBe("paid");
    expect(momoOutcome(9000)).toBe("pending");
    expect(momoOutcome(1006)).toBe("cancelled");
    expect(momoOutcome(1001)).toBe("failed");
  });
});

describe("VNPay and MoMo configuration at start-up", () => {
  const base = { SESSION_SECRET: "x".repeat(32) };
  it("is all or nothing, with a readable line naming what is missing", async () => {
    const { parseEnv } = await import("~/lib/env.server");
    expect(parseEnv(base).VNPAY_TMN_CODE).toBeUndefined();
    expect(() => parseEnv({ ...base, VNPAY_TMN_CODE: "QPTEST01" })).toThrow(/VNPAY_HASH_SECRET, VNPAY_MODE required/);
    expect(() => parseEnv({ ...base, MOMO_PARTNER_CODE: "MOMO", MOMO_MODE: "sandbox" })).toThrow(
      /MOMO_ACCESS_KEY, MOMO_SECRET_KEY required/,
    );
    expect(() => parseEnv({ ...base, VNPAY_TMN_CODE: "bad", VNPAY_HASH_SECRET: "s".repeat(32), VNPAY_MODE: "sandbox" })).toThrow(
      /VNPAY_TMN_CODE must be the 8-character terminal code/,
    );
    const ok = parseEnv({ ...base, VNPAY_TMN_CODE: "QPTEST01", VNPAY_HASH_SECRET: "s".repeat(32), VNPAY_MODE: "production" });
    expect(ok.VNPAY_MODE).toBe("production");
  });
});
