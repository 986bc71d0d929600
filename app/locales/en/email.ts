export default {
  footer: "You receive this email because you have a QuitPath account.",
  passwordReset: {
    subject: "Reset your QuitPath password",
    greeting: "Hello {{name}},",
    body: "Someone (hopefully you) asked to reset the password of your QuitPath account. This link works once, for one hour:",
    action: "Choose a new password",
    ignore: "If you did not ask for this, you can ignore this email; your password stays the same.",
  },
};
