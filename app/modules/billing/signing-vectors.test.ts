import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  MOMO_CREATE_FIELDS,
  MOMO_IPN_FIELDS,
  MOMO_QUERY_FIELDS,
  MOMO_REFUND_FIELDS,
  momoRawSignature,
  signMomo,
  verifyMomo,
  verifyMomoCreateAnswer,
} from "./momo";
import {
  signVnpayParams,
  signVnpayPipe,
  verifyVnpayParams,
  VNPAY_QUERY_REQUEST_FIELDS,
  VNPAY_QUERY_RESPONSE_FIELDS,
  VNPAY_REFUND_REQUEST_FIELDS,
  VNPAY_REFUND_RESPONSE_FIELDS,
  vnpayPaymentUrl,
  vnpaySignData,
} from "./vnpay";

/*
 * Fixed test vectors for our VNPay and MoMo signing. Where a provider or an SDK publishes a vector it is
 * used as published and cited. Where none could be found the vector is built by hand: the string to
 * sign is written out literally from the provider's documented template and the expected signature is
 * computed here with node:crypto, never through our own code.
 */
const hmac = (algorithm: "sha256" | "sha512", key: string, data: string) => createHmac(algorithm, key).update(data, "utf-8").digest("hex");

describe("VNPay 2.1.0 vectors", () => {
  // Published: the vnpay npm package's test suite (github.com/lehuygiang28/vnpay, test/verify-return-url.test.ts):
  // a return URL signed with the secret "test_secret", and the same return with vnp_ResponseCode "99".
  const secret = "test_secret";
  const returned = {
    vnp_Amount: "1000000",
    vnp_BankCode: "NCB",
    vnp_BankTranNo: "VNP14422574",
    vnp_CardType: "ATM",
    vnp_OrderInfo: "Thanh toan don hang 2024-05-21T02:17:31.249Z",
    vnp_PayDate: "20240521091806",
    vnp_ResponseCode: "00",
    vnp_TmnCode: "TEST_TMN_CODE",
    vnp_TransactionNo: "14422574",
    vnp_TransactionStatus: "00",
    vnp_TxnRef: "1716257871703",
  };
  const publishedHash =
    "649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895";
  const publishedHashFailed =
    "503194f6d93b57b357b2d1d09742565e67e86d771352c5dca4fc8d39df3d392c6b3809add9405f97cfb9631f445e36c80656cfbf47eac67d97fa165865c13e1b";

  it("reproduces the vnpay package's published return-URL hashes and verifies them", () => {
    expect(signVnpayParams(returned, secret)).toBe(publishedHash);
    expect(verifyVnpayParams({ ...returned, vnp_SecureHash: publishedHash }, secret)).toBe(true);
    expect(signVnpayParams({ ...returned, vnp_ResponseCode: "99" }, secret)).toBe(publishedHashFailed);
    expect(verifyVnpayParams({ ...returned, vnp_ResponseCode: "99", vnp_SecureHash: publishedHashFailed }, secret)).toBe(true);
    // The paid hash on the failed result (a forged "00" would be the same move the other way) is refused.
    expect(verifyVnpayParams({ ...returned, vnp_ResponseCode: "99", vnp_SecureHash: publishedHash }, secret)).toBe(false);
  });

  it("signs the string VNPay's demos build: sorted, URL-encoded, spaces as + (the vector's ':' as %3A)", () => {
    expect(vnpaySignData(returned)).toBe(
      "vnp_Amount=1000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14422574&vnp_CardType=ATM" +
        "&vnp_OrderInfo=Thanh+toan+don+hang+2024-05-21T02%3A17%3A31.249Z&vnp_PayDate=20240521091806&vnp_ResponseCode=00" +
        "&vnp_TmnCode=TEST_TMN_CODE&vnp_TransactionNo=14422574&vnp_TransactionStatus=00&vnp_TxnRef=1716257871703",
    );
  });

  // Published: the payment URL in VNPay's own integration guide (sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html,
  // also /apis/docs/huong-dan-tich-hop/). Its hash cannot be checked (the guide does not give DEMOV210's secret),
  // but the signed query string before it is VNPay's own, byte for byte.
  const guideQuery =
    "vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn" +
    "&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl" +
    "&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0";

  it("builds exactly the query string of the payment URL in VNPay's integration guide", () => {
    const params = {
      vnp_Version: "2.1.0",
      vnp_Command: "pay",
      vnp_TmnCode: "DEMOV210",
      vnp_Amount: "1806000",
      vnp_CreateDate: "20210801153333",
      vnp_CurrCode: "VND",
      vnp_IpAddr: "127.0.0.1",
      vnp_Locale: "vn",
      vnp_OrderInfo: "Thanh toan don hang :5",
      vnp_OrderType: "other",
      vnp_ReturnUrl: "https://domainmerchant.vn/ReturnUrl",
      vnp_TxnRef: "5",
    };
    expect(vnpaySignData(params)).toBe(guideQuery);
    // Hand-built: the URL carries that query and its HMAC-SHA512 under a secret of our own.
    const url = vnpayPaymentUrl("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", params, "GUIDEVECTORSECRET0000000000000001");
    expect(url).toBe(
      `https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?${guideQuery}&vnp_SecureHash=${hmac("sha512", "GUIDEVECTORSECRET0000000000000001", guideQuery)}`,
    );
  });

  it("encodes UTF-8 as %XX the way both VNPay demos agree on (hand-built)", () => {
    const params = { vnp_OrderInfo: "Thanh toán gói 1", vnp_TxnRef: "A1" };
    const data = "vnp_OrderInfo=Thanh+to%C3%A1n+g%C3%B3i+1&vnp_TxnRef=A1";
    expect(vnpaySignData(params)).toBe(data);
    expect(signVnpayParams(params, "k")).toBe(hmac("sha512", "k", data));
  });

  // Hand-built from the querydr/refund page (sandbox.vnpayment.vn/apis/docs/truy-van-hoan-tien/querydr&refund.html):
  // each request and answer signs its own fields, raw, joined with "|", in the order written there.
  const apiSecret = "MERCHANTAPISECRET000000000000001";

  it("signs querydr requests and checks querydr answers in the documented field order", () => {
    const request = {
      vnp_RequestId: "a1b2c3",
      vnp_Version: "2.1.0",
      vnp_Command: "querydr",
      vnp_TmnCode: "QPTEST01",
      vnp_TxnRef: "QP0001",
      vnp_TransactionDate: "20261202003005",
      vnp_CreateDate: "20261202011500",
      vnp_IpAddr: "203.0.113.9",
      vnp_OrderInfo: "Query QP0001",
    };
    expect(signVnpayPipe(VNPAY_QUERY_REQUEST_FIELDS, request, apiSecret)).toBe(
      hmac("sha512", apiSecret, "a1b2c3|2.1.0|querydr|QPTEST01|QP0001|20261202003005|20261202011500|203.0.113.9|Query QP0001"),
    );
    const answer = {
      vnp_ResponseId: "R9",
      vnp_Command: "querydr",
      vnp_ResponseCode: "00",
      vnp_Message: "Success",
      vnp_TmnCode: "QPTEST01",
      vnp_TxnRef: "QP0001",
      vnp_Amount: "14900000",
      vnp_BankCode: "NCB",
      vnp_PayDate: "20261202004010",
      vnp_TransactionNo: "14000001",
      vnp_TransactionType: "01",
      vnp_TransactionStatus: "00",
      vnp_OrderInfo: "QuitPath premium monthly QP0001",
      vnp_PromotionCode: "",
      vnp_PromotionAmount: "",
    };
    expect(signVnpayPipe(VNPAY_QUERY_RESPONSE_FIELDS, answer, apiSecret)).toBe(
      hmac(
        "sha512",
        apiSecret,
        "R9|querydr|00|Success|QPTEST01|QP0001|14900000|NCB|20261202004010|14000001|01|00|QuitPath premium monthly QP0001||",
      ),
    );
  });

  it("signs refund requests and checks refund answers in the documented field order", () => {
    const request = {
      vnp_RequestId: "Rabc0",
      vnp_Version: "2.1.0",
      vnp_Command: "refund",
      vnp_TmnCode: "QPTEST01",
      vnp_TransactionType: "02",
      vnp_TxnRef: "QP0001",
      vnp_Amount: "14900000",
      vnp_TransactionNo: "14000001",
      vnp_TransactionDate: "20261202003005",
      vnp_CreateBy: "admin@quitpath.example",
      vnp_CreateDate: "20261203090000",
      vnp_IpAddr: "127.0.0.1",
      vnp_OrderInfo: "Refund QP-2026-0001",
    };
    expect(signVnpayPipe(VNPAY_REFUND_REQUEST_FIELDS, request, apiSecret)).toBe(
      hmac(
        "sha512",
        apiSecret,
        "Rabc0|2.1.0|refund|QPTEST01|02|QP0001|14900000|14000001|20261202003005|admin@quitpath.example|20261203090000|127.0.0.1|Refund QP-2026-0001",
      ),
    );
    const answer = {
      vnp_ResponseId: "R10",
      vnp_Command: "refund",
      vnp_ResponseCode: "00",
      vnp_Message: "Success",
      vnp_TmnCode: "QPTEST01",
      vnp_TxnRef: "QP0001",
      vnp_Amount: "14900000",
      vnp_BankCode: "NCB",
      vnp_PayDate: "20261202004010",
      vnp_TransactionNo: "14000001",
      vnp_TransactionType: "02",
      vnp_TransactionStatus: "05",
      vnp_OrderInfo: "QuitPath premium monthly QP0001",
    };
    expect(signVnpayPipe(VNPAY_REFUND_RESPONSE_FIELDS, answer, apiSecret)).toBe(
      hmac(
        "sha512",
        apiSecret,
        "R10|refund|00|Success|QPTEST01|QP0001|14900000|NCB|20261202004010|14000001|02|05|QuitPath premium monthly QP0001",
      ),
    );
  });
});

describe("MoMo all-in-one v2 vectors (hand-built: MoMo publishes no signature with the key that made it)", () => {
  // MoMo's examples carry signatures, but made with keys it does not publish, so none can be reproduced.
  // The raw strings below are written out from the templates on developers.momo.vn; the inputs are the
  // documentation's example values where it gives them.
  const accessKey = "QPVECTORACCESS";
  const secretKey = "QPVECTORSECRETKEY000000000000001";

  it("create (onetime page): the raw string in the documented order, values raw, HMAC-SHA256", () => {
    const request = {
      accessKey,
      amount: 1000,
      extraData: "eyJza3VzIjoiIn0=",
      ipnUrl: "https://example.com/momo_ip",
      orderId: "Partner_Transaction_ID_1721725424433",
      orderInfo: "Thank you for your purchase at MoMo_test",
      partnerCode: "MOMOT5BZ20231213_TEST",
      redirectUrl: "https://momo.vn/",
      requestId: "Request_ID_1721725424433",
      requestType: "captureWallet",
    };
    const raw =
      "accessKey=QPVECTORACCESS&amount=1000&extraData=eyJza3VzIjoiIn0=&ipnUrl=https://example.com/momo_ip" +
      "&orderId=Partner_Transaction_ID_1721725424433&orderInfo=Thank you for your purchase at MoMo_test" +
      "&partnerCode=MOMOT5BZ20231213_TEST&redirectUrl=https://momo.vn/&requestId=Request_ID_1721725424433&requestType=captureWallet";
    expect(momoRawSignature(MOMO_CREATE_FIELDS, request)).toBe(raw);
    expect(signMomo(MOMO_CREATE_FIELDS, request, secretKey)).toBe(hmac("sha256", secretKey, raw));
  });

  it("create answer: accepts either published signing (with or without message), refuses a changed payUrl", () => {
    const answer = {
      accessKey,
      partnerCode: "MOMOT5BZ20231213_TEST",
      requestId: "Request_ID_1721725424433",
      orderId: "Partner_Transaction_ID_1721725424433",
      amount: 1000,
      responseTime: 1721725425489,
      message: "Successful.",
      resultCode: 0,
      payUrl: "https://test-payment.momo.vn/v2/gateway/pay?t=abc",
    };
    const documented =
      "accessKey=QPVECTORACCESS&amount=1000&orderId=Partner_Transaction_ID_1721725424433&partnerCode=MOMOT5BZ20231213_TEST" +
      "&payUrl=https://test-payment.momo.vn/v2/gateway/pay?t=abc&requestId=Request_ID_1721725424433&responseTime=1721725425489&resultCode=0";
    const withMessage = documented.replace("&orderId=", "&message=Successful.&orderId=");
    // Regression: we used to take only the with-message form, so an answer signed as the "Signature Response
    // Format" gives it (the form the loopback stand-in signs) was refused and the payment never started.
    expect(verifyMomoCreateAnswer(answer, secretKey, hmac("sha256", secretKey, documented))).toBe(true);
    expect(verifyMomoCreateAnswer(answer, secretKey, hmac("sha256", secretKey, withMessage))).toBe(true);
    expect(
      verifyMomoCreateAnswer({ ...answer, payUrl: "https://evil.example/pay" }, secretKey, hmac("sha256", secretKey, documented)),
    ).toBe(false);
    expect(verifyMomoCreateAnswer(answer, "another secret key", hmac("sha256", secretKey, documented))).toBe(false);
  });

  it("IPN (payment notification page): the documentation's example body, numbers as sent", () => {
    // The example IPN from developers.momo.vn/v3/docs/payment/api/result-handling/notification, as JSON parses it.
    const ipn = {
      orderType: "momo_wallet",
      amount: 1000,
      partnerCode: "MOMOT5BZ20231213_TEST",
      orderId: "Partner_Transaction_ID_1721720620078",
      extraData: "eyJza3VzIjoiIn0=",
      transId: 4088878653,
      responseTime: 1721720663942,
      resultCode: 0,
      message: "Successful.",
      payType: "qr",
      requestId: "Request_ID_1721720620078",
      orderInfo: "Thank you for your purchase at MoMo_test",
    };
    const raw =
      "accessKey=QPVECTORACCESS&amount=1000&extraData=eyJza3VzIjoiIn0=&message=Successful.&orderId=Partner_Transaction_ID_1721720620078" +
      "&orderInfo=Thank you for your purchase at MoMo_test&orderType=momo_wallet&partnerCode=MOMOT5BZ20231213_TEST&payType=qr" +
      "&requestId=Request_ID_1721720620078&responseTime=1721720663942&resultCode=0&transId=4088878653";
    const signed = { ...ipn, accessKey };
    expect(momoRawSignature(MOMO_IPN_FIELDS, signed)).toBe(raw);
    const signature = hmac("sha256", secretKey, raw);
    expect(verifyMomo(MOMO_IPN_FIELDS, signed, secretKey, signature)).toBe(true);
    expect(verifyMomo(MOMO_IPN_FIELDS, { ...signed, amount: 100 }, secretKey, signature)).toBe(false);
    // A Vietnamese message is signed as its UTF-8 bytes, unescaped.
    const vi = { ...signed, message: "Thành công." };
    expect(verifyMomo(MOMO_IPN_FIELDS, vi, secretKey, hmac("sha256", secretKey, raw.replace("Successful.", "Thành công.")))).toBe(true);
  });

  it("query and refund: the documentation's example requests, signed from the documented templates", () => {
    // developers.momo.vn/v3/docs/payment/api/payment-api/query: example request values.
    const query = { accessKey, orderId: "1527246478428", partnerCode: "123456", requestId: "1527246504579" };
    const queryRaw = "accessKey=QPVECTORACCESS&orderId=1527246478428&partnerCode=123456&requestId=1527246504579";
    expect(momoRawSignature(MOMO_QUERY_FIELDS, query)).toBe(queryRaw);
    expect(signMomo(MOMO_QUERY_FIELDS, query, secretKey)).toBe(hmac("sha256", secretKey, queryRaw));
    // .../payment-api/refund: example request values (an empty description still signs "description=").
    const refund = {
      accessKey,
      amount: 350000,
      description: "",
      orderId: "1527297954700",
      partnerCode: "MOMO",
      requestId: "1527314064527",
      transId: 144492817,
    };
    const refundRaw =
      "accessKey=QPVECTORACCESS&amount=350000&description=&orderId=1527297954700&partnerCode=MOMO&requestId=1527314064527&transId=144492817";
    expect(momoRawSignature(MOMO_REFUND_FIELDS, refund)).toBe(refundRaw);
    expect(signMomo(MOMO_REFUND_FIELDS, refund, secretKey)).toBe(hmac("sha256", secretKey, refundRaw));
  });
});
