import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../lib/http.ts';
import { checkPasswordForm, newPasswordProblem, passwordServerError } from './password-form.ts';

describe('change-password form', () => {
  it('checks the new password like signup: 8..72 code points, at most 72 bytes', () => {
    assert.equal(newPasswordProblem('short'), 'passwordTooShort');
    assert.equal(newPasswordProblem('12345678'), null);
    assert.equal(newPasswordProblem('x'.repeat(72)), null);
    assert.equal(newPasswordProblem('x'.repeat(73)), 'passwordTooLong');
    assert.equal(newPasswordProblem('가'.repeat(24)), null, '72 bytes');
    assert.equal(newPasswordProblem('가'.repeat(25)), 'passwordTooLong', '25 code points but 75 bytes');
    assert.equal(newPasswordProblem('😀'.repeat(8)), null, 'emoji count once each');
  });

  it('names the field of each problem before sending', () => {
    assert.deepEqual(
      checkPasswordForm({
        currentPassword: 'old-password',
        newPassword: 'new-password',
        confirmPassword: 'new-password',
      }),
      {},
    );
    assert.deepEqual(
      checkPasswordForm({ currentPassword: '', newPassword: 'new-password', confirmPassword: 'other' }),
      {
        currentPassword: 'invalidField',
        confirmPassword: 'passwordMismatch',
      },
    );
    assert.deepEqual(
      checkPasswordForm({
        currentPassword: 'same-password',
        newPassword: 'same-password',
        confirmPassword: 'same-password',
      }),
      {
        newPassword: 'passwordSame',
      },
    );
    assert.deepEqual(
      checkPasswordForm({ currentPassword: 'old-password', newPassword: 'short', confirmPassword: '' }),
      {
        newPassword: 'passwordTooShort',
      },
    );
  });

  it("puts the server's refusals next to their field", () => {
    const bad = (message: string) => new ApiError(400, 'BAD_REQUEST', message);
    assert.deepEqual(
      passwordServerError(bad('body.currentPassword is not the current password'), 'currentPassword'),
      {
        currentPassword: 'wrongPassword',
      },
    );
    assert.deepEqual(passwordServerError(bad('body.password is not the current password'), 'password'), {
      password: 'wrongPassword',
    });
    assert.deepEqual(
      passwordServerError(bad('body.newPassword must differ from the current password'), 'currentPassword'),
      {
        newPassword: 'passwordSame',
      },
    );
    assert.deepEqual(
      passwordServerError(
        bad('body.newPassword must NOT be longer than 72 bytes of UTF-8'),
        'currentPassword',
      ),
      { newPassword: 'passwordTooLong' },
    );
    assert.deepEqual(passwordServerError(new ApiError(429, 'TOO_MANY_REQUESTS', 'slow'), 'password'), {
      form: 'tooManyAttempts',
    });
    assert.deepEqual(passwordServerError(new ApiError(503, 'ERROR', 'down'), 'password'), {
      form: 'genericError',
    });
  });
});
