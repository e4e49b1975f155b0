// The mode switch: tabs under the header, arrow keys between them, and the mode kept in the URL hash.
import { expect, test } from './fixtures.ts'

test('a link opens a mode, arrow keys switch modes, and the hash follows', async ({
  page,
  lab,
}) => {
  await page.goto(`${lab.url}#tour`)
  const tabs = page.getByRole('tablist', { name: 'Modos' })
  const tour = tabs.getByRole('tab', { name: 'Tour guiado' })
  await expect(tour).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tabpanel', { name: 'Tour guiado' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Adicionar cliente' })).toHaveCount(0)

  await tour.focus()
  await page.keyboard.press('ArrowLeft')
  const playground = tabs.getByRole('tab', { name: 'Playground' })
  await expect(playground).toBeFocused()
  await expect(playground).toHaveAttribute('aria-selected', 'true')
  await expect(page).toHaveURL(/#playground$/)
  await expect(page.getByRole('button', { name: 'Adicionar cliente' })).toBeVisible()
  await page.keyboard.press('End')
  await expect(tabs.getByRole('tab', { name: 'Menu do bot' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(page).toHaveURL(/#bot$/)
  await page.goBack()
  await expect(playground).toHaveAttribute('aria-selected', 'true')
})
